terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.60" }
  }
}

provider "aws" {
  region = var.region
  assume_role {
    role_arn    = var.aws_authentication.arn
    external_id = var.aws_authentication.external_id
  }
  default_tags { tags = var.md_metadata.default_tags }
}

locals {
  # FIFO queue names must end in .fifo; the prefix is already unique per component.
  suffix = var.fifo ? ".fifo" : ""
}

resource "aws_kms_key" "queue" {
  count               = var.encryption == "kms" ? 1 : 0
  description         = "SQS ${var.md_metadata.name_prefix}"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "dead_letter" {
  count                     = var.dead_letter.enabled ? 1 : 0
  name                      = "${var.md_metadata.name_prefix}-dlq${local.suffix}"
  fifo_queue                = var.fifo
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = var.encryption == "sqs-managed"
  kms_master_key_id         = var.encryption == "kms" ? aws_kms_key.queue[0].arn : null
}

resource "aws_sqs_queue" "main" {
  name                       = "${var.md_metadata.name_prefix}${local.suffix}"
  fifo_queue                 = var.fifo
  visibility_timeout_seconds = var.visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds
  sqs_managed_sse_enabled    = var.encryption == "sqs-managed"
  kms_master_key_id          = var.encryption == "kms" ? aws_kms_key.queue[0].arn : null
  redrive_policy = var.dead_letter.enabled ? jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[0].arn
    maxReceiveCount     = var.dead_letter.max_receive_count
  }) : null
}
