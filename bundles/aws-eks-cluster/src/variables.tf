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
    private_subnets = list(object({ id = string }))
  })
}

variable "kubernetes_version" { type = string }
variable "node_groups" {
  type = list(object({
    instance_type = string
    min_size      = number
    max_size      = number
    capacity_type = optional(string, "ON_DEMAND")
  }))
}
variable "endpoint_public_access" { type = bool }
variable "public_access_cidrs" {
  type    = list(string)
  default = []
}
variable "control_plane_logs" {
  type    = list(string)
  default = ["audit"]
}
