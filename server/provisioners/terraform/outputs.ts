// `terraform output -json` read as the instance's artifacts: artifact `<key>` is the output
// `artifact_<key>` (Massdriver's convention; an output named `<key>` is accepted too). The
// payload is the same for every line (Terraform modules do not mint per-consumer credentials
// here); the artifact type's sensitive fields are sealed by the runner.
import type { ArtifactTypeDefinition } from "../../domain/catalog/types";
import type { ProvisionOutputs, ServedLine } from "../types";

type OutputJson = Record<string, { value?: unknown; sensitive?: boolean }>;

export function artifactsFrom(
  outputs: OutputJson,
  types: Record<string, ArtifactTypeDefinition>,
  lines: ServedLine[],
): ProvisionOutputs {
  const artifacts: ProvisionOutputs["artifacts"] = {};
  for (const [key, type] of Object.entries(types)) {
    const output = outputs[`artifact_${key}`] ?? outputs[key];
    const value = output?.value;
    if (!value || typeof value !== "object" || Array.isArray(value))
      throw new Error(
        `the module has no object output "artifact_${key}" for the artifact ${key} (${type.name})`,
      );
    const shared = value as Record<string, unknown>;
    artifacts[key] = {
      shared,
      lines: Object.fromEntries(
        lines.filter((l) => l.artifact === key).map((l) => [l.linkId, structuredClone(shared)]),
      ),
      sensitive: type.sensitivePaths,
    };
  }
  return { artifacts };
}
