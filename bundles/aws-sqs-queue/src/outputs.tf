# Artifact `queue` (type aws-sqs-queue).
output "queue" {
  value = {
    arn             = aws_sqs_queue.main.arn
    url             = aws_sqs_queue.main.url
    name            = aws_sqs_queue.main.name
    region          = var.region
    fifo            = var.fifo
    kms_key_arn     = var.encryption == "kms" ? aws_kms_key.queue[0].arn : null
    dead_letter_arn = var.dead_letter.enabled ? aws_sqs_queue.dead_letter[0].arn : null
  }
}
