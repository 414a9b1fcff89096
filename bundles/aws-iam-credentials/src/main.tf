# Bootstraps credentials, so it runs with the ambient credentials of whoever applies it
# (there is no aws_authentication connection to assume yet).
terraform {
  required_providers {
    aws    = { source = "hashicorp/aws", version = "~> 5.60" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

provider "aws" {
  default_tags { tags = var.md_metadata.default_tags }
}

data "aws_caller_identity" "current" {}

resource "random_password" "external_id" {
  length  = 40
  special = false
}

resource "aws_iam_role" "deploy" {
  name                 = var.md_metadata.name_prefix
  max_session_duration = var.max_session_hours * 3600
  permissions_boundary = var.permissions_boundary_arn == "" ? null : var.permissions_boundary_arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.trusted_principal_arn }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = random_password.external_id.result } }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/${var.permissions}"
}
