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

variable "queue" {
  description = "Optional aws-sqs-queue artifact subscribed to the topic."
  type = object({
    arn  = string
    url  = string
    fifo = bool
  })
  default = null
}

variable "fifo" { type = bool }
variable "content_based_deduplication" {
  type    = bool
  default = false
}
variable "raw_message_delivery" {
  type    = bool
  default = true
}
