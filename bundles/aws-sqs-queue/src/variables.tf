variable "md_metadata" {
  description = "Patchbay metadata bag: deterministic name prefix and cascaded default tags."
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "aws_authentication" {
  type = object({ arn = string, external_id = optional(string) })
}

variable "region" { type = string }

variable "fifo" { type = bool }
variable "visibility_timeout_seconds" { type = number }
variable "message_retention_seconds" { type = number }
variable "dead_letter" {
  type = object({ enabled = bool, max_receive_count = optional(number, 5) })
}
variable "encryption" {
  type    = string
  default = "sqs-managed"
}
