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

data "google_project" "current" {}

resource "google_pubsub_topic" "main" {
  name                       = var.md_metadata.name_prefix
  message_retention_duration = "${var.message_retention_hours * 3600}s"
}

resource "google_pubsub_topic" "dead_letter" {
  name = "${var.md_metadata.name_prefix}-dlq"
}

resource "google_pubsub_subscription" "default" {
  name                         = "${var.md_metadata.name_prefix}-default"
  topic                        = google_pubsub_topic.main.id
  ack_deadline_seconds         = var.ack_deadline_seconds
  enable_exactly_once_delivery = var.exactly_once_delivery
  enable_message_ordering      = var.message_ordering

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }
}

# Pub/Sub's service agent must be able to move undeliverable messages to the DLQ.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  subscription = google_pubsub_subscription.default.id
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
