output "url" {
  description = "Where the app is served."
  value       = local.public_url
}

output "region" {
  description = "AWS region of this environment."
  value       = var.region
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (point the domain's CNAME/alias here when Route 53 is not used)."
  value       = aws_lb.main.dns_name
}

output "db_endpoint" {
  description = "PostgreSQL endpoint (host:port), reachable only from the app tasks."
  value       = aws_db_instance.main.endpoint
}

output "db_address" {
  description = "PostgreSQL host name."
  value       = aws_db_instance.main.address
}

output "ecr_repository_url" {
  description = "Push the app image here."
  value       = aws_ecr_repository.app.repository_url
}

output "storage_bucket" {
  description = "S3 bucket for uploaded files and call recordings."
  value       = aws_s3_bucket.storage.bucket
}

output "cluster_name" {
  description = "ECS cluster."
  value       = aws_ecs_cluster.main.name
}

output "service_name" {
  description = "ECS service of the app."
  value       = aws_ecs_service.app.name
}

output "log_group" {
  description = "CloudWatch log group of the app and the one-off tasks."
  value       = aws_cloudwatch_log_group.app.name
}

output "connection_string_secret_arns" {
  description = "Secrets Manager ARNs of the connection strings (app, system, migrations)."
  value       = { for role in keys(var.connection_string_env) : role => aws_secretsmanager_secret.this["connection-string/${role}"].arn }
}

locals {
  run_task_network = "awsvpcConfiguration={subnets=[${join(",", aws_subnet.private[*].id)}],securityGroups=[${aws_security_group.app.id}],assignPublicIp=DISABLED}"
}

output "db_bootstrap_command" {
  description = "Creates/updates the ktp_app and ktp_system roles. Run once after the first apply and after a role password change."
  value       = "aws ecs run-task --region ${var.region} --cluster ${aws_ecs_cluster.main.name} --launch-type FARGATE --task-definition ${aws_ecs_task_definition.db_bootstrap.family} --network-configuration '${local.run_task_network}'"
}

output "migrate_command" {
  description = "Runs `ktp migrate` as a one-off task with the deployed image (the service also migrates at start-up)."
  value       = "aws ecs run-task --region ${var.region} --cluster ${aws_ecs_cluster.main.name} --launch-type FARGATE --task-definition ${aws_ecs_task_definition.app.family} --network-configuration '${local.run_task_network}' --overrides '{\"containerOverrides\":[{\"name\":\"${local.container_name}\",\"command\":[\"migrate\"]}]}'"
}
