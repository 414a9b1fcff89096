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

variable "network" {
  description = "gcp-network artifact; must have a private service connection for Cloud SQL."
  type = object({
    id                         = string
    region                     = string
    private_service_connection = optional(string)
  })
}

variable "database_version" { type = string }
variable "tier" { type = string }
variable "disk_size_gb" { type = number }
variable "availability_type" { type = string }
variable "deletion_protection" { type = bool }
variable "database_name" { type = string }
variable "username" { type = string }
variable "backup" {
  type = object({
    enabled                = bool
    retained_backups       = optional(number, 7)
    point_in_time_recovery = optional(bool, false)
  })
}
