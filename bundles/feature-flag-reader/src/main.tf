variable "md_metadata" {
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "note" { type = string }

# The line's payload (the producer's artifact). Before flags is first applied, a plan gets a
# preview of it without the fields only an apply knows (version, checksum): hence optional.
variable "flags" {
  type = object({
    version  = optional(string)
    flags    = optional(map(bool))
    checksum = optional(string)
  })
}

# Read-only access to each upstream instance's state, by input slot (given by Patchbay
# through the environment, never written to a file).
variable "md_upstream_states" {
  type      = map(object({ address = string, username = string, password = string }))
  sensitive = true
}

locals {
  # flags has state to read once it was applied (its artifact then carries a checksum).
  upstream_applied = var.flags.checksum != null
}

# Only the address: the http backend takes the credentials from TF_HTTP_USERNAME/PASSWORD
# (this run's own, which the state backend lets read upstream states), so they are not kept
# in this instance's state as the data source's config would be.
data "terraform_remote_state" "flags" {
  count   = local.upstream_applied ? 1 : 0
  backend = "http"
  config = {
    address = var.md_upstream_states["flags"].address
  }
}

locals {
  from_state = local.upstream_applied ? data.terraform_remote_state.flags[0].outputs.artifact_flags : null
}

resource "terraform_data" "seen" {
  input = {
    name     = var.md_metadata.name_prefix
    note     = var.note
    checksum = try(local.from_state.checksum, null)
  }
}

output "from_line" { value = var.flags }
output "from_state" { value = local.from_state }
output "in_sync" {
  value = local.upstream_applied ? var.flags.checksum == local.from_state.checksum : false
}
