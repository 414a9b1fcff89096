variable "md_metadata" {
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "aws_authentication" {
  type = object({ arn = string, external_id = optional(string) })
}

variable "network" {
  description = "aws-vpc artifact: the database lands in its internal subnets."
  type = object({
    id               = string
    region           = string
    cidr             = string
    internal_subnets = list(object({ id = string, availability_zone = string }))
  })
}

variable "engine_version" { type = string }
variable "instance_class" { type = string }
variable "storage" {
  type = object({ allocated_gb = number, max_allocated_gb = number, type = string })
}
variable "multi_az" { type = bool }
variable "database_name" { type = string }
variable "username" { type = string }
variable "deletion_protection" { type = bool }
variable "backup" {
  type = object({ retention_days = number, skip_final_snapshot = optional(bool, false) })
}
variable "performance_insights" { type = bool }
