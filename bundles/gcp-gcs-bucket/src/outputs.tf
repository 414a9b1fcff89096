# Artifact `bucket` (type gcs-bucket).
output "bucket" {
  value = {
    name       = google_storage_bucket.main.name
    url        = google_storage_bucket.main.url
    project_id = var.gcp_authentication.project_id
    location   = google_storage_bucket.main.location
  }
}
