# ECS Fargate: the app service behind the load balancer, its autoscaling, and a one-off task
# definition that bootstraps the database roles.

resource "aws_ecs_cluster" "main" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

# Registry for the app image (push here, then pass the image URI as var.image).
resource "aws_ecr_repository" "app" {
  name                 = local.name
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name

  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the last 50 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 50
        }
        action = { type = "expire" }
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${local.name}"
  retention_in_days = var.log_retention_days
}

# --- IAM -----------------------------------------------------------------------------------------

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# Execution role: used by ECS itself to pull the image, write logs and read the secrets.
resource "aws_iam_role" "execution" {
  name               = "${local.name}-ecs-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "execution_managed" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [for s in aws_secretsmanager_secret.this : s.arn]
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  name   = "read-ktp-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets.json
}

# Task role: what the app itself may call (file storage bucket; ECS Exec channel when enabled).
resource "aws_iam_role" "task" {
  name               = "${local.name}-ecs-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "task" {
  statement {
    sid       = "StorageObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${aws_s3_bucket.storage.arn}/*"]
  }

  statement {
    sid       = "StorageBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.storage.arn]
  }

  dynamic "statement" {
    for_each = var.enable_execute_command ? [1] : []

    content {
      sid = "EcsExec"
      actions = [
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
      ]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "ktp-app"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# --- app task and service ------------------------------------------------------------------------

locals {
  container_name = "ktp"

  # Defaults first; var.app_environment wins on the same key.
  app_environment = merge(
    {
      ASPNETCORE_URLS                     = "http://+:${local.app_port}"
      ASPNETCORE_ENVIRONMENT              = "Production"
      ASPNETCORE_FORWARDEDHEADERS_ENABLED = "true"           # client IP and https scheme from the load balancer
      App__PublicUrl                      = local.public_url # e-mailed links start here, never with the request's Host
      AWS_REGION                          = var.region
    },
    var.app_environment,
  )

  # Connection strings and the key ring's certificate come from Secrets Manager, never from plain environment values.
  app_secrets = concat([
    for role, env_name in var.connection_string_env : {
      name      = env_name
      valueFrom = aws_secretsmanager_secret.this["connection-string/${role}"].arn
    }
    ], [{
      name      = "DataProtection__Certificate"
      valueFrom = aws_secretsmanager_secret.this["data-protection/certificate"].arn
  }])

  awslogs_options = {
    awslogs-group         = aws_cloudwatch_log_group.app.name
    awslogs-region        = var.region
    mode                  = "non-blocking"
    max-buffer-size       = "25m"
    awslogs-stream-prefix = "app"
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${local.name}-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64" # the image is built from amd64 .NET base images
  }

  container_definitions = jsonencode([
    {
      name      = local.container_name
      image     = var.image
      essential = true

      portMappings = [
        { containerPort = local.app_port, protocol = "tcp" },
      ]

      environment = [for k, v in local.app_environment : { name = k, value = v }]
      secrets     = local.app_secrets

      healthCheck = {
        command     = ["CMD-SHELL", "curl --fail --silent --max-time 4 http://127.0.0.1:${local.app_port}/health/live > /dev/null || exit 1"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 60
      }

      # Give Blazor circuits and in-flight requests time to finish when a task is stopped.
      stopTimeout = 60

      # Every Blazor circuit is a long-lived WebSocket.
      ulimits = [
        { name = "nofile", softLimit = 65536, hardLimit = 65536 },
      ]

      linuxParameters = {
        initProcessEnabled = true
      }

      logConfiguration = {
        logDriver = "awslogs"
        options   = local.awslogs_options
      }
    },
  ])
}

resource "aws_ecs_service" "app" {
  name                   = "${local.name}-app"
  cluster                = aws_ecs_cluster.main.id
  task_definition        = aws_ecs_task_definition.app.arn
  desired_count          = var.desired_count
  launch_type            = "FARGATE"
  platform_version       = "LATEST"
  enable_execute_command = var.enable_execute_command
  propagate_tags         = "SERVICE"

  # Start-up applies migrations under an advisory lock before /health/ready turns green.
  health_check_grace_period_seconds = 180

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = local.container_name
    container_port   = local.app_port
  }

  lifecycle {
    # Autoscaling owns the running count after the first apply.
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener.http, aws_lb_listener.https]
}

# --- autoscaling on CPU --------------------------------------------------------------------------

resource "aws_appautoscaling_target" "app" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.min_count
  max_capacity       = var.max_count
}

resource "aws_appautoscaling_policy" "app_cpu" {
  name               = "${local.name}-app-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.app.service_namespace
  resource_id        = aws_appautoscaling_target.app.resource_id
  scalable_dimension = aws_appautoscaling_target.app.scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }

    target_value       = var.cpu_target_percent
    scale_out_cooldown = 60
    # Scaling in drops the circuits of the stopped task (users reconnect to another node): do it slowly.
    scale_in_cooldown = 600
  }
}

# --- one-off database bootstrap --------------------------------------------------------------------
# Creates the ktp_app and ktp_system roles (sql/db-bootstrap.sql). Run it once after the first apply
# and after changing a role password; the README shows the command (output db_bootstrap_command).

resource "aws_ecs_task_definition" "db_bootstrap" {
  family                   = "${local.name}-db-bootstrap"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.execution.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "db-bootstrap"
      image     = "public.ecr.aws/docker/library/postgres:15-alpine"
      essential = true

      command = [
        "sh", "-c",
        "printf '%s\\n' \"$BOOTSTRAP_SQL\" | psql -X -v ON_ERROR_STOP=1 -v app_password=\"$KTP_APP_PASSWORD\" -v system_password=\"$KTP_SYSTEM_PASSWORD\"",
      ]

      environment = [
        { name = "PGHOST", value = aws_db_instance.main.address },
        { name = "PGPORT", value = tostring(aws_db_instance.main.port) },
        { name = "PGDATABASE", value = var.db_name },
        { name = "PGUSER", value = var.db_master_username },
        { name = "PGSSLMODE", value = "require" },
        { name = "BOOTSTRAP_SQL", value = file("${path.module}/sql/db-bootstrap.sql") },
      ]

      secrets = [
        { name = "PGPASSWORD", valueFrom = aws_secretsmanager_secret.this["db-password/master"].arn },
        { name = "KTP_APP_PASSWORD", valueFrom = aws_secretsmanager_secret.this["db-password/app"].arn },
        { name = "KTP_SYSTEM_PASSWORD", valueFrom = aws_secretsmanager_secret.this["db-password/system"].arn },
      ]

      logConfiguration = {
        logDriver = "awslogs"
        options   = merge(local.awslogs_options, { awslogs-stream-prefix = "db-bootstrap" })
      }
    },
  ])
}
