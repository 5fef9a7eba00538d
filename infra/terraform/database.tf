# PostgreSQL 15 on RDS: Multi-AZ, encrypted, private, reachable only from the app security group.

resource "aws_db_subnet_group" "main" {
  name        = "${local.name}-db"
  description = "Private subnets of ${local.name}"
  subnet_ids  = aws_subnet.private[*].id
}

resource "aws_db_parameter_group" "postgres15" {
  name        = "${local.name}-postgres15"
  family      = "postgres15"
  description = "KTP settings for PostgreSQL 15"

  # Refuse unencrypted connections (the connection strings use SSL Mode=Require).
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Log statements slower than 1 s, and lock waits, to CloudWatch.
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  parameter {
    name  = "log_lock_waits"
    value = "1"
  }

  # The event store's commit-order reader relies on short transactions; kill sessions that stay
  # "idle in transaction" for long (they would hold back pg_snapshot_xmin for every projection).
  parameter {
    name  = "idle_in_transaction_session_timeout"
    value = "300000"
  }
}

resource "aws_db_instance" "main" {
  identifier = "${local.name}-db"

  engine                     = "postgres"
  engine_version             = "15"
  auto_minor_version_upgrade = true
  instance_class             = var.db_instance_class
  parameter_group_name       = aws_db_parameter_group.postgres15.name

  db_name  = var.db_name
  username = var.db_master_username
  password = var.db_master_password
  port     = 5432

  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true

  multi_az               = var.db_multi_az
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false

  backup_retention_period   = var.db_backup_retention_days
  backup_window             = "02:00-03:00"
  maintenance_window        = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot     = true
  delete_automated_backups  = false
  deletion_protection       = var.db_deletion_protection
  skip_final_snapshot       = var.db_skip_final_snapshot
  final_snapshot_identifier = var.db_skip_final_snapshot ? null : "${local.name}-db-final"

  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  # Changes wait for the maintenance window unless applied by hand.
  apply_immediately = false

  tags = { Name = "${local.name}-db" }
}

locals {
  # Npgsql connection strings. Passwords are restricted by variable validation to characters that need
  # no quoting here. `SSL Mode=Require` encrypts; use VerifyFull with the RDS CA bundle for certificate checks.
  db_connection_common = "Host=${aws_db_instance.main.address};Port=${aws_db_instance.main.port};Database=${var.db_name};SSL Mode=Require"

  connection_strings = {
    app        = "${local.db_connection_common};Username=ktp_app;Password=${var.db_app_password};Application Name=ktp"
    system     = "${local.db_connection_common};Username=ktp_system;Password=${var.db_system_password};Application Name=ktp-system"
    migrations = "${local.db_connection_common};Username=${var.db_master_username};Password=${var.db_master_password};Application Name=ktp-migrate"
  }
}
