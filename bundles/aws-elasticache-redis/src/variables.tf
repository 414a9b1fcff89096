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
    id               = string
    region           = string
    cidr             = string
    internal_subnets = list(object({ id = string }))
  })
}

variable "engine_version" { type = string }
variable "node_type" { type = string }
variable "replicas" { type = number }
variable "automatic_failover" { type = bool }
variable "key_prefix" {
  type    = string
  default = "app:"
}
variable "snapshot_retention_days" { type = number }
variable "maxmemory_policy" {
  type    = string
  default = "volatile-lru"
}
