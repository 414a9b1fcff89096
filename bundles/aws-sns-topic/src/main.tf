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

resource "aws_sns_topic" "main" {
  name                        = var.fifo ? "${var.md_metadata.name_prefix}.fifo" : var.md_metadata.name_prefix
  fifo_topic                  = var.fifo
  content_based_deduplication = var.fifo ? var.content_based_deduplication : null
  kms_master_key_id           = "alias/aws/sns"
}

resource "aws_sns_topic_subscription" "queue" {
  count                = var.queue == null ? 0 : 1
  topic_arn            = aws_sns_topic.main.arn
  protocol             = "sqs"
  endpoint             = var.queue.arn
  raw_message_delivery = var.raw_message_delivery
}

# The queue must allow this topic (and only this topic) to send to it.
resource "aws_sqs_queue_policy" "queue" {
  count     = var.queue == null ? 0 : 1
  queue_url = var.queue.url
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = var.queue.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.main.arn } }
    }]
  })
}
