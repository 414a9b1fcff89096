// What an apply produced, checked and stored: every payload a consumer will receive is
// validated against its artifact type; sensitive fields are sealed in the artifact rows and
// only their fingerprints reach the run's record.
import type { ArtifactTypeDefinition } from "../domain/catalog/types";
import { mergeSensitive } from "../domain/access/split-sensitive";
import type { Tx } from "../db";
import {
  deleteLineOutputsExcept,
  loadInstancesRuntime,
  upsertInstanceOutput,
} from "../repositories/access";
import { openSensitive } from "../repositories/environment-defaults";
import type { ProvisionOutputs } from "../provisioners/types";
import { assertPayload, sealPayload } from "../secrets/artifact-payload";

interface Where {
  organizationId: string;
  environmentId: string;
  instanceId: string;
  componentId: string;
  componentName: string;
}

/** Shown on the run page: public fields, and each line's sensitive fields as fingerprints. */
export type MaskedOutputs = Record<
  string,
  { shared: Record<string, unknown>; lines: Record<string, Record<string, string>> }
>;

/** Refuses outputs that break their types (the run fails; nothing is stored). */
export function checkOutputs(
  outputs: ProvisionOutputs,
  types: Record<string, ArtifactTypeDefinition>,
): void {
  for (const [key, output] of Object.entries(outputs.artifacts)) {
    const type = types[key];
    if (!type) throw new Error(`the provisioner produced "${key}", which is not an output`);
    // What a consumer receives is a whole payload: the shared part alone is one only when the
    // type has no credentials to add per line.
    const lines = Object.values(output.lines);
    const whole = type.sensitivePaths.length === 0 ? [output.shared] : [];
    for (const payload of [...lines, ...whole]) assertPayload(type, payload);
  }
}

/** Replaces the instance's outputs with these; lines no longer served lose their payloads. */
export async function storeOutputs(
  tx: Tx,
  where: Where,
  outputs: ProvisionOutputs,
  types: Record<string, ArtifactTypeDefinition>,
): Promise<MaskedOutputs> {
  const masked: MaskedOutputs = {};
  const kept: string[] = [];
  for (const [slot, output] of Object.entries(outputs.artifacts)) {
    const type = types[slot]!;
    const base = { ...where, slot, type: type.name, name: `${where.componentName}.${slot}` };
    const shared = sealPayload(type, output.shared, where.organizationId);
    await upsertInstanceOutput(tx, {
      ...base,
      payload: shared.publicPayload,
      sensitive: shared.sealed,
    });
    masked[slot] = { shared: shared.publicPayload, lines: {} };
    for (const [linkId, payload] of Object.entries(output.lines)) {
      const sealed = sealPayload(type, payload, where.organizationId);
      await upsertInstanceOutput(tx, {
        ...base,
        linkId,
        payload: sealed.publicPayload,
        sensitive: sealed.sealed,
      });
      masked[slot].lines[linkId] = sealed.fingerprints;
      kept.push(linkId);
    }
  }
  await deleteLineOutputsExcept(tx, where.instanceId, kept);
  return masked;
}

/** The instance's stored outputs with sensitive values in clear: a provider keeps passwords. */
export async function previousOutputs(
  tx: Tx,
  environmentId: string,
  componentId: string,
): Promise<ProvisionOutputs | null> {
  const runtime = (await loadInstancesRuntime(environmentId, [componentId], tx)).get(componentId);
  if (!runtime || runtime.artifacts.size === 0) return null;
  const artifacts: ProvisionOutputs["artifacts"] = {};
  for (const [key, stored] of runtime.artifacts) {
    const [slot, linkId] = key.split("@") as [string, string | undefined];
    const payload = mergeSensitive(stored.payload, openSensitive(stored.sensitive));
    artifacts[slot] ??= { shared: {}, lines: {}, sensitive: [] };
    if (linkId) artifacts[slot].lines[linkId] = payload;
    else artifacts[slot].shared = payload;
  }
  return { artifacts };
}
