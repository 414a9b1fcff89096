# Artifact `cache` (type redis).
output "cache" {
  sensitive = true
  value = {
    hostname   = aws_elasticache_replication_group.main.primary_endpoint_address
    port       = 6379
    tls        = true
    password   = random_password.auth.result
    key_prefix = var.key_prefix
    version    = var.engine_version
    arn        = aws_elasticache_replication_group.main.arn
  }
}
