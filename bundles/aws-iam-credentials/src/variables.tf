variable "md_metadata" {
  description = "Patchbay metadata bag: deterministic name prefix and cascaded default tags."
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "trusted_principal_arn" { type = string }
variable "permissions" { type = string }
variable "max_session_hours" { type = number }
variable "permissions_boundary_arn" {
  type    = string
  default = ""
}
