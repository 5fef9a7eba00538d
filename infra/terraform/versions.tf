terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  # State backend: configure per environment, e.g.
  #   terraform init -backend-config="bucket=..." -backend-config="key=ktp/prod.tfstate" -backend-config="region=..."
  # with a `backend "s3" {}` block added here. The state holds the database passwords: keep it encrypted
  # and access-controlled.
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge(
      {
        Application = "ktp"
        Environment = var.name_prefix
        ManagedBy   = "terraform"
      },
      var.tags,
    )
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_partition" "current" {}

locals {
  name = var.name_prefix
  azs  = slice(data.aws_availability_zones.available.names, 0, 2)

  https_enabled = var.certificate_arn != null
  # Without a domain name the load balancer's own DNS name is the address, so any Host is forwarded.
  forward_any_host = var.domain_name == null
  app_port         = 8080
  public_url       = format("%s://%s", local.https_enabled ? "https" : "http", coalesce(var.domain_name, aws_lb.main.dns_name))
}
