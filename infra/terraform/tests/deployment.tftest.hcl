# Offline checks with a mocked AWS provider (no credentials, no network; "apply" only fills the mock):
#   terraform init -backend=false && terraform test

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["eu-central-1a", "eu-central-1b", "eu-central-1c"]
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }

  # Mocked ARNs must look like ARNs: the provider validates them in references.
  mock_resource "aws_lb" {
    defaults = {
      arn      = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/ktp-alb/0123456789abcdef"
      dns_name = "ktp-alb-123456789.eu-central-1.elb.amazonaws.com"
    }
  }

  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/ktp-app/0123456789abcdef"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/ktp-ecs"
    }
  }

  mock_resource "aws_secretsmanager_secret" {
    defaults = {
      arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:ktp/secret-AbCdEf"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  image              = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/ktp:1.0.0"
  db_master_password = "owner-Passw0rd-0123456789"
  db_app_password    = "app-Passw0rd-0123456789"
  db_system_password = "system-Passw0rd-0123456789"
  # Not a real certificate: the module only stores it as a secret.
  data_protection_certificate = "MIIKTVRQLWRhdGEtcHJvdGVjdGlvbi1jZXJ0aWZpY2F0ZS1mb3ItdGVycmFmb3JtLXRlc3RzLW9ubHktbm90LWEtcmVhbC1jZXJ0aWZpY2F0ZS0xMjM0NTY3ODkw"
}

run "plain_http_without_certificate" {
  command = apply

  assert {
    condition     = aws_lb_target_group.app.stickiness[0].enabled && aws_lb_target_group.app.stickiness[0].type == "lb_cookie"
    error_message = "Blazor circuits need load-balancer cookie stickiness."
  }

  assert {
    condition     = aws_lb_target_group.app.health_check[0].path == "/health/ready"
    error_message = "The target group must probe readiness."
  }

  assert {
    condition     = length(aws_lb_listener.https) == 0 && aws_lb_listener.http.default_action[0].type == "forward"
    error_message = "Without a certificate, port 80 serves the app."
  }

  assert {
    condition     = length(aws_subnet.public) == 2 && length(aws_subnet.private) == 2 && length(aws_nat_gateway.main) == 2
    error_message = "Two AZs, a NAT gateway in each."
  }

  assert {
    condition = (
      aws_db_instance.main.multi_az && aws_db_instance.main.storage_encrypted &&
      !aws_db_instance.main.publicly_accessible && aws_db_instance.main.deletion_protection &&
      aws_db_instance.main.engine == "postgres" && aws_db_instance.main.engine_version == "15"
    )
    error_message = "Database: PostgreSQL 15, Multi-AZ, encrypted, private, protected."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.db_from_app.from_port == 5432
    error_message = "The database accepts the app security group on 5432."
  }

  assert {
    condition     = startswith(output.url, "http://")
    error_message = "Without a certificate the URL is http."
  }
}

run "https_with_certificate_redirects_port_80" {
  command = apply

  variables {
    certificate_arn    = "arn:aws:acm:eu-central-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
    domain_name        = "app.example.com"
    single_nat_gateway = true
  }

  assert {
    condition     = length(aws_lb_listener.https) == 1 && aws_lb_listener.https[0].port == 443
    error_message = "A certificate adds the HTTPS listener."
  }

  assert {
    condition     = aws_lb_listener.http.default_action[0].type == "redirect" && aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS"
    error_message = "With a certificate, port 80 redirects to HTTPS."
  }

  assert {
    condition     = output.url == "https://app.example.com"
    error_message = "The URL uses the domain and https."
  }

  assert {
    condition     = aws_lb_listener.https[0].default_action[0].type == "fixed-response" && aws_lb_listener.https[0].default_action[0].fixed_response[0].status_code == "421"
    error_message = "With a domain, a request for any other host is refused at the load balancer."
  }

  assert {
    condition     = length(aws_lb_listener_rule.app_host) == 1 && one(one(aws_lb_listener_rule.app_host[0].condition).host_header).values == toset(["app.example.com"])
    error_message = "Only the domain's host header is forwarded to the app."
  }

  assert {
    condition     = length(aws_nat_gateway.main) == 1
    error_message = "single_nat_gateway keeps one NAT gateway."
  }
}

run "container_gets_connection_strings_from_secrets" {
  command = apply

  assert {
    condition = toset([for s in jsondecode(aws_ecs_task_definition.app.container_definitions)[0].secrets : s.name]) == toset([
      "ConnectionStrings__KtpApp", "ConnectionStrings__KtpSystem", "ConnectionStrings__Ktp",
    ])
    error_message = "The three connection strings come from Secrets Manager."
  }

  assert {
    condition     = alltrue([for e in jsondecode(aws_ecs_task_definition.app.container_definitions)[0].environment : !startswith(e.name, "ConnectionStrings")])
    error_message = "No connection string is a plain environment value."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.app.container_definitions)[0].portMappings[0].containerPort == 8080
    error_message = "The container listens on 8080."
  }
}

run "weak_password_is_refused" {
  command = plan

  variables {
    db_app_password = "short;pw"
  }

  expect_failures = [var.db_app_password]
}
