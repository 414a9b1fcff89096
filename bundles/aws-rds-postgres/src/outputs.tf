# Artifact `database` (type postgresql).
output "database" {
  sensitive = true
  value = {
    hostname = aws_db_instance.main.address
    port     = aws_db_instance.main.port
    database = var.database_name
    username = var.username
    password = random_password.master.result
    version  = var.engine_version
    sslmode  = "require"
    arn      = aws_db_instance.main.arn
  }
}
