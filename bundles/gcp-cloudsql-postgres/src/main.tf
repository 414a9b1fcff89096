terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.10" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

provider "google" {
  project                     = var.gcp_authentication.project_id
  region                      = var.network.region
  impersonate_service_account = var.gcp_authentication.email
  default_labels              = local.labels
}

locals {
  labels = { for k, v in var.md_metadata.default_tags : lower(replace(k, "/[^a-zA-Z0-9_-]/", "_")) => lower(replace(v, "/[^a-zA-Z0-9_-]/", "_")) }
}

resource "random_password" "user" {
  length  = 32
  special = false
}

resource "google_sql_database_instance" "main" {
  name                = var.md_metadata.name_prefix
  database_version    = var.database_version
  region              = var.network.region
  deletion_protection = var.deletion_protection

  settings {
    tier              = var.tier
    availability_type = var.availability_type
    disk_size         = var.disk_size_gb
    disk_autoresize   = true
    user_labels       = local.labels

    ip_configuration {
      ipv4_enabled    = false
      private_network = var.network.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = var.backup.enabled
      point_in_time_recovery_enabled = var.backup.point_in_time_recovery
      backup_retention_settings {
        retained_backups = var.backup.retained_backups
      }
    }

    insights_config { query_insights_enabled = true }
  }
}

resource "google_sql_database" "main" {
  name     = var.database_name
  instance = google_sql_database_instance.main.name
}

resource "google_sql_user" "main" {
  name     = var.username
  instance = google_sql_database_instance.main.name
  password = random_password.user.result
}
