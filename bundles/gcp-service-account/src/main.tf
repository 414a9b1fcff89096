# Bootstraps credentials, so it runs with the ambient credentials of whoever applies it.
terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.10" }
  }
}

provider "google" {
  project = var.project_id
}

resource "google_service_account" "main" {
  account_id   = var.account_id
  display_name = "Patchbay ${var.md_metadata.name_prefix}"
  description  = "Managed by Patchbay"
}

resource "google_project_iam_member" "roles" {
  for_each = toset(var.roles)
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.main.email}"
}

# Impersonation instead of key files: nothing long-lived to leak.
resource "google_service_account_iam_member" "token_creator" {
  for_each           = toset(var.impersonators)
  service_account_id = google_service_account.main.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = each.value
}
