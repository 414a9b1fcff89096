# Artifact `topic` (type gcp-pubsub-topic).
output "topic" {
  value = {
    id              = google_pubsub_topic.main.id
    name            = google_pubsub_topic.main.name
    project_id      = var.gcp_authentication.project_id
    subscription_id = google_pubsub_subscription.default.id
  }
}
