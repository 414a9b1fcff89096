# Artifact `bucket` (type aws-s3-bucket).
output "bucket" {
  value = {
    arn         = aws_s3_bucket.main.arn
    name        = aws_s3_bucket.main.id
    region      = var.region
    domain_name = aws_s3_bucket.main.bucket_regional_domain_name
  }
}
