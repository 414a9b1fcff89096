terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.60" }
  }
}

locals {
  region = var.network == null ? var.region : var.network.region
}

provider "aws" {
  region = local.region
  assume_role {
    role_arn    = var.aws_authentication.arn
    external_id = var.aws_authentication.external_id
  }
  default_tags { tags = var.md_metadata.default_tags }
}

resource "aws_iam_role" "exec" {
  name = var.md_metadata.name_prefix
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.exec.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy_attachment" "vpc" {
  count      = var.network == null ? 0 : 1
  role       = aws_iam_role.exec.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# Least privilege: only what the lines on the canvas granted (publish, read …).
resource "aws_iam_role_policy" "connections" {
  count  = length(var.md_policies)
  name   = "patchbay-connection-${count.index}"
  role   = aws_iam_role.exec.id
  policy = var.md_policies[count.index]
}

resource "aws_security_group" "main" {
  count  = var.network == null ? 0 : 1
  name   = var.md_metadata.name_prefix
  vpc_id = var.network.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lambda_function" "main" {
  function_name                  = var.md_metadata.name_prefix
  role                           = aws_iam_role.exec.arn
  package_type                   = "Image"
  image_uri                      = var.image_uri
  architectures                  = [var.architecture]
  memory_size                    = var.memory_mb
  timeout                        = var.timeout_seconds
  reserved_concurrent_executions = var.reserved_concurrency

  environment { variables = var.md_env }

  dynamic "vpc_config" {
    for_each = var.network == null ? [] : [1]
    content {
      subnet_ids         = [for s in var.network.private_subnets : s.id]
      security_group_ids = [aws_security_group.main[0].id]
    }
  }
}

resource "aws_lambda_event_source_mapping" "queue" {
  count            = var.queue == null ? 0 : 1
  event_source_arn = var.queue.arn
  function_name    = aws_lambda_function.main.arn
  batch_size       = var.batch_size
}

resource "aws_lambda_function_url" "main" {
  count              = var.function_url ? 1 : 0
  function_name      = aws_lambda_function.main.function_name
  authorization_type = "AWS_IAM"
}
