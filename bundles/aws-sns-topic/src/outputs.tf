# Artifact `topic` (type aws-sns-topic).
output "topic" {
  value = {
    arn    = aws_sns_topic.main.arn
    name   = aws_sns_topic.main.name
    region = var.region
    fifo   = var.fifo
  }
}
