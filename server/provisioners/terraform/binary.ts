// Which Terraform-compatible binary runs IaC steps here: the one ops name in
// PATCHBAY_TOFU_BIN, else `tofu` on PATH (preferred), else `terraform`.
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { env } from "../../env";

export interface TerraformBinary {
  path: string;
  /** `tofu` or `terraform`, from the file's name. */
  kind: "tofu" | "terraform";
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const kindOf = (file: string): TerraformBinary["kind"] =>
  path.basename(file).startsWith("tofu") ? "tofu" : "terraform";

/** The binary to run, or null with none installed. */
export function findTerraform(): TerraformBinary | null {
  const { PATCHBAY_TOFU_BIN, PATH } = env();
  if (PATCHBAY_TOFU_BIN) {
    const file = PATCHBAY_TOFU_BIN.includes("/")
      ? PATCHBAY_TOFU_BIN
      : onPath(PATCHBAY_TOFU_BIN, PATH);
    return file && executable(file) ? { path: file, kind: kindOf(file) } : null;
  }
  for (const name of ["tofu", "terraform"]) {
    const file = onPath(name, PATH);
    if (file) return { path: file, kind: kindOf(file) };
  }
  return null;
}

function onPath(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  return null;
}

/** Why no binary runs, and how to fix it (shown on the Deploy tab and in a failed run). */
export function missingBinaryMessage(): string {
  const { PATCHBAY_TOFU_BIN } = env();
  return PATCHBAY_TOFU_BIN
    ? `PATCHBAY_TOFU_BIN is ${PATCHBAY_TOFU_BIN}, which is not an executable file: fix the path or unset it`
    : "Neither tofu nor terraform is installed on this server: install OpenTofu (or Terraform) on its PATH, or set PATCHBAY_TOFU_BIN to the binary";
}
