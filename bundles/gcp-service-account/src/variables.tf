variable "md_metadata" {
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "project_id" { type = string }
variable "account_id" { type = string }
variable "roles" { type = list(string) }
variable "impersonators" {
  type    = list(string)
  default = []
}
