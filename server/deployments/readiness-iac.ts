// Whether this server can run the Terraform/OpenTofu steps of some components: is a binary
// installed (PATCHBAY_TOFU_BIN, else tofu or terraform on PATH). Says how to fix it when not.
import { findTerraform, missingBinaryMessage } from "../provisioners/terraform/binary";
import { findBundle } from "../repositories/catalog-reads";

const IAC = ["terraform", "opentofu"];

/** One check when any of `bundles` has a terraform/opentofu step; none otherwise. */
export async function iacChecks(organizationId: string, bundles: string[]) {
  const found = await Promise.all(
    [...new Set(bundles)].map((name) => findBundle(organizationId, name)),
  );
  const iac = found.some((b) =>
    b?.versions.some((v) => v.definition.steps.some((s) => IAC.includes(s.provisioner))),
  );
  if (!iac) return [];
  const binary = findTerraform();
  return [
    binary
      ? {
          name: "terraform-binary",
          ok: true,
          message: `${binary.kind} is installed (${binary.path})`,
        }
      : { name: "terraform-binary", ok: false, message: missingBinaryMessage() },
  ];
}
