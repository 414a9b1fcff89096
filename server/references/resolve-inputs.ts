// What the resolver needs of one instance's remote references: where each value comes from
// and the value itself (the owner's recorded output, or the imported artifact), its sealed
// fields opened. Server only: the resolution is redacted before it leaves the server.
import type { Tx } from "../db";
import { mergeSensitive } from "../domain/access/split-sensitive";
import type { ReferenceSourceInput } from "../domain/access/resolve-types";
import { openSensitive } from "../repositories/environment-defaults";
import { findImportedArtifact } from "../repositories/imported-artifacts";
import {
  publishedOutput,
  referencesOfEnvironment,
  type SlotReferenceDto,
} from "../repositories/slot-references";

/**
 * The remote references of every component of an environment (or of one), by component id,
 * as the resolver takes them.
 */
export async function referenceInputs(
  organizationId: string,
  environmentId: string,
  componentId?: string,
  tx?: Tx,
): Promise<Map<string, ReferenceSourceInput[]>> {
  const refs = await referencesOfEnvironment(environmentId, componentId, tx);
  const inputs = await Promise.all(refs.map((r) => referenceInput(organizationId, r, tx)));
  const byComponent = new Map<string, ReferenceSourceInput[]>();
  for (const [i, r] of refs.entries())
    byComponent.set(r.componentId, [...(byComponent.get(r.componentId) ?? []), inputs[i]!]);
  return byComponent;
}

async function referenceInput(
  organizationId: string,
  r: SlotReferenceDto,
  tx?: Tx,
): Promise<ReferenceSourceInput> {
  const base = { referenceId: r.id, slot: r.slot, policies: r.policies };
  if (r.publication) {
    const p = r.publication;
    const out = await publishedOutput(p, tx);
    return {
      ...base,
      label: `${p.project}/${p.environment}: ${p.component}.${p.artifact}`,
      project: p.project,
      present: true,
      payload: out.payload ? mergeSensitive(out.payload, openSensitive(out.sensitive)) : null,
    };
  }
  const a = r.imported && (await findImportedArtifact(organizationId, r.imported.id, tx));
  if (!a)
    return {
      ...base,
      label: "a removed artifact",
      project: null,
      present: false,
      payload: null,
    };
  return {
    ...base,
    label: `imported ${a.name}`,
    project: null,
    present: true,
    payload: mergeSensitive(a.payload, openSensitive(a.sensitive)),
  };
}
