variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-central-1"
}

variable "name_prefix" {
  description = "Prefix for every resource name (one per environment, e.g. ktp-prod)."
  type        = string
  default     = "ktp"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name_prefix))
    error_message = "name_prefix: lower-case letters, digits and dashes, 2-21 characters, starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags applied to every resource."
  type        = map(string)
  default     = {}
}

# --- network -------------------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "CIDR block of the VPC. Subnets are /24 slices of it."
  type        = string
  default     = "10.40.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway for both private subnets (cheaper, but outbound traffic depends on one AZ)."
  type        = bool
  default     = false
}

# --- application ---------------------------------------------------------------------------------

variable "image" {
  description = "Container image of the app, e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com/ktp:1.4.2 (see the ecr_repository_url output)."
  type        = string

  validation {
    condition     = length(trimspace(var.image)) > 0
    error_message = "image must be set."
  }
}

variable "desired_count" {
  description = "Initial number of app tasks. Autoscaling moves it between min_count and max_count afterwards."
  type        = number
  default     = 2
}

variable "min_count" {
  description = "Autoscaling lower bound of app tasks."
  type        = number
  default     = 2
}

variable "max_count" {
  description = "Autoscaling upper bound of app tasks."
  type        = number
  default     = 10
}

variable "cpu_target_percent" {
  description = "Average CPU utilisation the service autoscaling keeps the tasks at."
  type        = number
  default     = 60
}

variable "task_cpu" {
  description = "Fargate task CPU units (1024 = 1 vCPU)."
  type        = number
  default     = 1024
}

variable "task_memory" {
  description = "Fargate task memory in MiB."
  type        = number
  default     = 2048
}

variable "app_environment" {
  description = "Extra environment variables for the app container (configuration keys use `__` as separator, e.g. Logging__LogLevel__Default). They win over the defaults set here."
  type        = map(string)
  default     = {}
}

variable "log_retention_days" {
  description = "Retention of the app's CloudWatch log group."
  type        = number
  default     = 30
}

variable "enable_execute_command" {
  description = "Allow `aws ecs execute-command` into running tasks (audited through CloudTrail)."
  type        = bool
  default     = false
}

# --- load balancer / domain ----------------------------------------------------------------------

variable "certificate_arn" {
  description = "ACM certificate ARN for HTTPS. When set, port 80 redirects to 443; when null, the app is served on plain HTTP port 80."
  type        = string
  default     = null
}

variable "domain_name" {
  description = "Public host name of the app (optional). Used for the url output and, with route53_zone_id, for an alias record."
  type        = string
  default     = null
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone in which to create the domain_name alias to the load balancer (optional)."
  type        = string
  default     = null
}

variable "stickiness_duration_seconds" {
  description = "Lifetime of the load balancer's stickiness cookie (Blazor Server circuits must stay on one node)."
  type        = number
  default     = 86400
}

# --- database ------------------------------------------------------------------------------------

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.t4g.medium"
}

variable "db_allocated_storage" {
  description = "Initial storage in GiB."
  type        = number
  default     = 50
}

variable "db_max_allocated_storage" {
  description = "Upper bound for storage autoscaling in GiB."
  type        = number
  default     = 500
}

variable "db_multi_az" {
  description = "Run the database with a synchronous standby in a second AZ."
  type        = bool
  default     = true
}

variable "db_name" {
  description = "Name of the application database."
  type        = string
  default     = "ktp"
}

variable "db_master_username" {
  description = "Master (owner) user of the database. It owns the schema and runs the migrations."
  type        = string
  default     = "ktp_owner"
}

variable "db_master_password" {
  description = "Password of the master (owner) user."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[A-Za-z0-9!#$%&()*+,.:<=>?\\[\\]^_{|}~-]{16,99}$", var.db_master_password))
    error_message = "db_master_password: 16-99 characters; letters, digits and !#$%&()*+,.:<=>?[]^_{|}~- only (no quotes, ;, /, @, \\ or spaces)."
  }
}

variable "db_app_password" {
  description = "Password of ktp_app, the role the app uses for tenant work (owns nothing, subject to row-level security)."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[A-Za-z0-9!#$%&()*+,.:<=>?\\[\\]^_{|}~-]{16,99}$", var.db_app_password))
    error_message = "db_app_password: 16-99 characters; letters, digits and !#$%&()*+,.:<=>?[]^_{|}~- only."
  }
}

variable "db_system_password" {
  description = "Password of ktp_system, the BYPASSRLS role used only by the projection daemon, outbox workers and the audited platform-admin path."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[A-Za-z0-9!#$%&()*+,.:<=>?\\[\\]^_{|}~-]{16,99}$", var.db_system_password))
    error_message = "db_system_password: 16-99 characters; letters, digits and !#$%&()*+,.:<=>?[]^_{|}~- only."
  }
}

variable "data_protection_certificate" {
  description = "Base64 PKCS#12 certificate (no password) that encrypts the app's Data Protection key ring at rest; the app refuses to start in Production without one. Make one with: openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=ktp -keyout k.pem -out c.pem && openssl pkcs12 -export -inkey k.pem -in c.pem -passout pass: | base64 -w0"
  type        = string
  sensitive   = true

  validation {
    condition     = can(base64decode(var.data_protection_certificate)) && length(var.data_protection_certificate) > 100
    error_message = "data_protection_certificate: a base64 PKCS#12 certificate."
  }
}

variable "db_backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 14
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database instance. Turn off only to tear an environment down."
  type        = bool
  default     = true
}

variable "db_skip_final_snapshot" {
  description = "Skip the final snapshot when the instance is deleted (test environments only)."
  type        = bool
  default     = false
}

variable "secret_recovery_window_days" {
  description = "Days a deleted secret can still be restored (0 deletes at once)."
  type        = number
  default     = 7
}

# --- environment variable names the app reads ----------------------------------------------------

variable "connection_string_env" {
  description = "Environment variable names under which the container receives each connection string."
  type = object({
    app        = string
    system     = string
    migrations = string
  })
  default = {
    app        = "ConnectionStrings__KtpApp"
    system     = "ConnectionStrings__KtpSystem"
    migrations = "ConnectionStrings__Ktp"
  }
}
