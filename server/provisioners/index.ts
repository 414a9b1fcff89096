// The provisioner a bundle's step names, on this server: `local` (when ops allow it) and
// `terraform`/`opentofu` (when a binary is installed). A bundle for another one, or with no
// binary to run it, fails its run with a reason that says so, never silently.
import { AppError } from "../domain/errors";
import { env } from "../env";
import { localProvisioner } from "./local";
import { findTerraform, missingBinaryMessage } from "./terraform/binary";
import { terraformProvisioner } from "./terraform";
import type { Provisioner } from "./types";

/** What the runner lends provisioners that keep state on Patchbay's backend. */
export interface ProvisionerDeps {
  /** Releases the state locks a run still holds, recording why. */
  releaseLocks: (deploymentId: string, reason: string) => Promise<unknown>;
}

export type ProvisionerFor = (
  provisioner: string,
  bundle: string,
  deps: ProvisionerDeps,
) => Provisioner;

export const provisionerFor: ProvisionerFor = (provisioner, bundle, deps) => {
  if (provisioner === "local") return localProvisioner(bundle);
  if (provisioner === "terraform" || provisioner === "opentofu") {
    const binary = findTerraform();
    if (!binary) throw new AppError("PRECONDITION_FAILED", missingBinaryMessage());
    return terraformProvisioner({
      binary,
      graceMs: env().PATCHBAY_TERRAFORM_CANCEL_GRACE_SECONDS * 1000,
      releaseLocks: deps.releaseLocks,
    });
  }
  throw new AppError(
    "PRECONDITION_FAILED",
    `No ${provisioner} provisioner runs on this server yet: ${bundle} cannot be deployed here`,
  );
};
