variable "md_metadata" {
  description = "Patchbay metadata bag: deterministic name prefix and cascaded default tags."
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "aws_authentication" {
  type = object({
    arn         = string
    external_id = optional(string)
  })
}

variable "region" { type = string }
variable "cidr" { type = string }
variable "availability_zones" { type = number }
variable "nat_gateways" { type = string }
variable "flow_logs" { type = bool }
variable "flow_log_retention_days" { type = number }
