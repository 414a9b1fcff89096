variable "md_metadata" {
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "note" { type = string }

# The line's payload (the producer's artifact).
variable "flags" {
  type = object({ version = string, flags = map(bool), checksum = string })
}

# Read-only access to each upstream instance's state, by input slot (given by Patchbay
# through the environment, never written to a file).
variable "md_upstream_states" {
  type = map(object({ address = string, username = string, password = string }))
  sensitive = true
}

# Only the address: the http backend takes the credentials from TF_HTTP_USERNAME/PASSWORD
# (this run's own, which the state backend lets read upstream states), so they are not kept
# in this instance's state as the data source's config would be.
data "terraform_remote_state" "flags" {
  backend = "http"
  config = {
    address = var.md_upstream_states["flags"].address
  }
}

resource "terraform_data" "seen" {
  input = {
    name     = var.md_metadata.name_prefix
    note     = var.note
    checksum = data.terraform_remote_state.flags.outputs.artifact_flags.checksum
  }
}

output "from_line" { value = var.flags }
output "from_state" { value = data.terraform_remote_state.flags.outputs.artifact_flags }
output "in_sync" {
  value = var.flags.checksum == data.terraform_remote_state.flags.outputs.artifact_flags.checksum
}
