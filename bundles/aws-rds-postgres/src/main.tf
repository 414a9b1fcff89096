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

resource "random_password" "master" {
  length  = 32
  special = false # RDS rejects several special characters; length compensates.
}

resource "aws_db_subnet_group" "main" {
  name       = var.md_metadata.name_prefix
  subnet_ids = [for s in var.network.internal_subnets : s.id]
}

resource "aws_security_group" "main" {
  name   = var.md_metadata.name_prefix
  vpc_id = var.network.id
  ingress {
    description = "PostgreSQL from inside the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.network.cidr]
  }
}

resource "aws_db_parameter_group" "main" {
  name   = var.md_metadata.name_prefix
  family = "postgres${var.engine_version}"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "main" {
  identifier                   = var.md_metadata.name_prefix
  engine                       = "postgres"
  engine_version               = var.engine_version
  instance_class               = var.instance_class
  allocated_storage            = var.storage.allocated_gb
  max_allocated_storage        = var.storage.max_allocated_gb == 0 ? null : var.storage.max_allocated_gb
  storage_type                 = var.storage.type
  storage_encrypted            = true
  db_name                      = var.database_name
  username                     = var.username
  password                     = random_password.master.result
  multi_az                     = var.multi_az
  db_subnet_group_name         = aws_db_subnet_group.main.name
  vpc_security_group_ids       = [aws_security_group.main.id]
  parameter_group_name         = aws_db_parameter_group.main.name
  publicly_accessible          = false
  deletion_protection          = var.deletion_protection
  backup_retention_period      = var.backup.retention_days
  skip_final_snapshot          = var.backup.skip_final_snapshot
  final_snapshot_identifier    = var.backup.skip_final_snapshot ? null : "${var.md_metadata.name_prefix}-final"
  performance_insights_enabled = var.performance_insights
  copy_tags_to_snapshot        = true
  allow_major_version_upgrade  = true
  apply_immediately            = false
}
