terraform {
  required_providers {
    aws    = { source = "hashicorp/aws", version = "~> 5.60" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

provider "aws" {
  region = var.network.region
  assume_role {
    role_arn    = var.aws_authentication.arn
    external_id = var.aws_authentication.external_id
  }
  default_tags { tags = var.md_metadata.default_tags }
}

resource "random_password" "auth" {
  length  = 48
  special = false # AUTH tokens accept only a subset of printable characters.
}

resource "aws_elasticache_subnet_group" "main" {
  name       = var.md_metadata.name_prefix
  subnet_ids = [for s in var.network.internal_subnets : s.id]
}

resource "aws_security_group" "main" {
  name   = var.md_metadata.name_prefix
  vpc_id = var.network.id
  ingress {
    description = "Redis from inside the VPC"
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = [var.network.cidr]
  }
}

resource "aws_elasticache_parameter_group" "main" {
  name   = var.md_metadata.name_prefix
  family = "redis${split(".", var.engine_version)[0]}"
  parameter {
    name  = "maxmemory-policy"
    value = var.maxmemory_policy
  }
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = var.md_metadata.name_prefix
  description                = "Patchbay ${var.md_metadata.name_prefix}"
  engine                     = "redis"
  engine_version             = var.engine_version
  node_type                  = var.node_type
  num_cache_clusters         = 1 + var.replicas
  automatic_failover_enabled = var.automatic_failover && var.replicas > 0
  multi_az_enabled           = var.automatic_failover && var.replicas > 0
  subnet_group_name          = aws_elasticache_subnet_group.main.name
  security_group_ids         = [aws_security_group.main.id]
  parameter_group_name       = aws_elasticache_parameter_group.main.name
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = random_password.auth.result
  snapshot_retention_limit   = var.snapshot_retention_days
  port                       = 6379
}
