# Artifact `database` (type postgresql).
output "database" {
  sensitive = true
  value = {
    hostname        = google_sql_database_instance.main.private_ip_address
    port            = 5432
    database        = google_sql_database.main.name
    username        = google_sql_user.main.name
    password        = random_password.user.result
    version         = trimprefix(var.database_version, "POSTGRES_")
    sslmode         = "require"
    connection_name = google_sql_database_instance.main.connection_name
  }
}
