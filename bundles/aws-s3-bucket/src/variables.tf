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

variable "versioning" { type = bool }
variable "noncurrent_version_expiration_days" { type = number }
variable "transition_to_ia_days" {
  type    = number
  default = 0
}
variable "force_destroy" { type = bool }
