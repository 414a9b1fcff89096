# Artifact `service_account` (type gcp-service-account).
output "service_account" {
  value = {
    email      = google_service_account.main.email
    project_id = var.project_id
    unique_id  = google_service_account.main.unique_id
  }
}
