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

variable "network" {
  type = object({
    id              = string
    region          = string
    cidr            = string
    private_subnets = list(object({ id = string }))
  })
  default = null
}

variable "database" {
  description = "Optional postgresql artifact; reached through the VPC."
  type        = any
  default     = null
}

variable "queue" {
  type    = object({ arn = string, url = string })
  default = null
}

variable "bucket" {
  type    = object({ arn = string, name = string })
  default = null
}

# Rendered app.env (including secrets) and the IAM statements projected from the
# policies chosen on each connection line; both are computed by Patchbay per deployment.
variable "md_env" {
  type      = map(string)
  default   = {}
  sensitive = true
}

variable "md_policies" {
  description = "IAM policy documents (JSON) projected from the connection lines."
  type        = list(string)
  default     = []
}

variable "region" {
  type    = string
  default = "us-east-1"
}
variable "image_uri" { type = string }
variable "architecture" { type = string }
variable "memory_mb" { type = number }
variable "timeout_seconds" { type = number }
variable "reserved_concurrency" {
  type    = number
  default = -1
}
variable "batch_size" {
  type    = number
  default = 10
}
variable "function_url" { type = bool }
variable "log_level" {
  type    = string
  default = "info"
}
