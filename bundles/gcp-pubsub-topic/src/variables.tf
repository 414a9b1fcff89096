variable "md_metadata" {
  description = "Patchbay metadata bag: deterministic name prefix and cascaded default tags."
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "gcp_authentication" {
  type = object({ email = string, project_id = string })
}

variable "region" { type = string }

variable "message_retention_hours" { type = number }
variable "ack_deadline_seconds" { type = number }
variable "max_delivery_attempts" { type = number }
variable "exactly_once_delivery" {
  type    = bool
  default = false
}
variable "message_ordering" {
  type    = bool
  default = false
}
