# Secrets Manager holds the connection strings the app receives as environment variables, and the role
# passwords the one-off bootstrap task needs. Values also live in the Terraform state: protect it.

locals {
  secret_values = {
    "connection-string/app"        = local.connection_strings.app
    "connection-string/system"     = local.connection_strings.system
    "connection-string/migrations" = local.connection_strings.migrations
    "db-password/master"           = var.db_master_password
    "db-password/app"              = var.db_app_password
    "db-password/system"           = var.db_system_password
    "data-protection/certificate"  = var.data_protection_certificate
  }
}

resource "aws_secretsmanager_secret" "this" {
  # Keys listed literally: for_each must not depend on sensitive values.
  for_each = toset([
    "connection-string/app",
    "connection-string/system",
    "connection-string/migrations",
    "db-password/master",
    "db-password/app",
    "db-password/system",
    "data-protection/certificate",
  ])

  name                    = "${local.name}/${each.key}"
  description             = "KTP ${each.key}"
  recovery_window_in_days = var.secret_recovery_window_days
}

resource "aws_secretsmanager_secret_version" "this" {
  for_each = aws_secretsmanager_secret.this

  secret_id     = each.value.id
  secret_string = local.secret_values[each.key]
}
