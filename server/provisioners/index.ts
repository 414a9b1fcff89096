// The provisioner a bundle's step names, on this server. Only `local` runs here so far; a
// bundle for another one fails its run with a reason that says so, never silently.
import { AppError } from "../domain/errors";
import { localProvisioner } from "./local";
import type { Provisioner } from "./types";

export type ProvisionerFor = (provisioner: string, bundle: string) => Provisioner;

export const provisionerFor: ProvisionerFor = (provisioner, bundle) => {
  if (provisioner === "local") return localProvisioner(bundle);
  throw new AppError(
    "PRECONDITION_FAILED",
    `No ${provisioner} provisioner runs on this server yet: ${bundle} cannot be deployed here`,
  );
};
