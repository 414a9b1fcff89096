# Only built-in resources: plans and applies offline, no provider to download.
variable "md_metadata" {
  description = "Patchbay metadata bag: deterministic name prefix and cascaded default tags."
  type = object({
    name_prefix  = string
    default_tags = map(string)
  })
}

variable "release" { type = string }
variable "flags" { type = map(bool) }
variable "apply_seconds" { type = number }

resource "terraform_data" "flags" {
  input = {
    name    = var.md_metadata.name_prefix
    version = var.release
    flags   = var.flags
  }
}

# Rolls the flags out: replaced whenever they change, and takes a while on purpose (a run's log
# streams, and a cancel can land mid-apply).
resource "terraform_data" "rollout" {
  triggers_replace = terraform_data.flags.output

  provisioner "local-exec" {
    command = "sleep ${var.apply_seconds}"
  }
}

# Artifact `flags` (type feature-flags).
output "artifact_flags" {
  value = {
    version  = terraform_data.flags.output.version
    flags    = terraform_data.flags.output.flags
    checksum = sha256(jsonencode(terraform_data.flags.output.flags))
  }
  # Consumers see flags once they are rolled out.
  depends_on = [terraform_data.rollout]
}
