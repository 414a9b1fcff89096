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

variable "region" {
  type    = string
  default = "us-central1"
}

variable "location" { type = string }
variable "storage_class" { type = string }
variable "versioning" { type = bool }
variable "noncurrent_version_days" {
  type    = number
  default = 30
}
variable "force_destroy" { type = bool }
