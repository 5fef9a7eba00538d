# Application Load Balancer in the public subnets. Blazor Server keeps each user's UI state in a
# circuit on one node, so the target group uses sticky sessions (load-balancer cookie): the SignalR
# negotiate request and the connection that follows must land on the same task.

resource "aws_lb" "main" {
  name               = "${local.name}-alb"
  load_balancer_type = "application"
  internal           = false
  subnets            = aws_subnet.public[*].id
  security_groups    = [aws_security_group.alb.id]

  # WebSocket circuits send a keep-alive every 15 s; 120 s leaves room for slow clients.
  idle_timeout               = 120
  drop_invalid_header_fields = true

  tags = { Name = "${local.name}-alb" }
}

resource "aws_lb_target_group" "app" {
  name        = "${local.name}-app"
  target_type = "ip" # Fargate tasks (awsvpc)
  protocol    = "HTTP"
  port        = local.app_port
  vpc_id      = aws_vpc.main.id

  # Let open circuits and requests finish before a task leaves (less than the task's stopTimeout
  # would cut them; ECS waits for deregistration before stopping the container).
  deregistration_delay = 60

  health_check {
    path                = "/health/ready"
    protocol            = "HTTP"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  stickiness {
    enabled         = true
    type            = "lb_cookie"
    cookie_duration = var.stickiness_duration_seconds
  }

  lifecycle {
    create_before_destroy = true
  }
}

# Plain HTTP listener: serves the app when no certificate is given, otherwise redirects to HTTPS.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  dynamic "default_action" {
    for_each = !local.https_enabled && local.forward_any_host ? [1] : []

    content {
      type             = "forward"
      target_group_arn = aws_lb_target_group.app.arn
    }
  }

  dynamic "default_action" {
    for_each = !local.https_enabled && !local.forward_any_host ? [1] : []

    content {
      type = "fixed-response"

      fixed_response {
        content_type = "text/plain"
        message_body = "Unknown host."
        status_code  = "421"
      }
    }
  }

  dynamic "default_action" {
    for_each = local.https_enabled ? [1] : []

    content {
      type = "redirect"

      redirect {
        protocol    = "HTTPS"
        port        = "443"
        status_code = "HTTP_301"
      }
    }
  }
}

resource "aws_lb_listener" "https" {
  count = local.https_enabled ? 1 : 0

  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  dynamic "default_action" {
    for_each = local.forward_any_host ? [1] : []

    content {
      type             = "forward"
      target_group_arn = aws_lb_target_group.app.arn
    }
  }

  dynamic "default_action" {
    for_each = local.forward_any_host ? [] : [1]

    content {
      type = "fixed-response"

      fixed_response {
        content_type = "text/plain"
        message_body = "Unknown host."
        status_code  = "421"
      }
    }
  }
}

# With a domain name, only requests for that host reach the app: a forged Host header is answered 421 here
# (the app also builds every link from App__PublicUrl and filters hosts itself).
resource "aws_lb_listener_rule" "app_host" {
  count = local.forward_any_host ? 0 : 1

  listener_arn = local.https_enabled ? aws_lb_listener.https[0].arn : aws_lb_listener.http.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }

  condition {
    host_header {
      values = [var.domain_name]
    }
  }
}

# Optional DNS alias for the app's host name.
resource "aws_route53_record" "app" {
  count = var.domain_name != null && var.route53_zone_id != null ? 1 : 0

  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = aws_lb.main.dns_name
    zone_id                = aws_lb.main.zone_id
    evaluate_target_health = true
  }
}
