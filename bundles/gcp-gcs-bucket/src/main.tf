terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.10" }
  }
}

# Deploy as the connected service account (short-lived impersonation, no key files).
provider "google" {
  project                     = var.gcp_authentication.project_id
  region                      = var.region
  impersonate_service_account = var.gcp_authentication.email
  default_labels              = local.labels
}

locals {
  # GCP labels allow only lowercase letters, digits, _ and -.
  labels = { for k, v in var.md_metadata.default_tags : lower(replace(k, "/[^a-zA-Z0-9_-]/", "_")) => lower(replace(v, "/[^a-zA-Z0-9_-]/", "_")) }
}

resource "google_storage_bucket" "main" {
  name                        = var.md_metadata.name_prefix
  location                    = var.location
  storage_class               = var.storage_class
  force_destroy               = var.force_destroy
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning { enabled = var.versioning }

  dynamic "lifecycle_rule" {
    for_each = var.noncurrent_version_days > 0 ? [1] : []
    content {
      condition { days_since_noncurrent_time = var.noncurrent_version_days }
      action { type = "Delete" }
    }
  }
}
