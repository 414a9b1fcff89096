// What the resolver needs of one instance's remote references: where each value comes from
// and the value itself (the owner's recorded output, or the imported artifact), its sealed
// fields opened. Server only: the resolution is redacted before it leaves the server.
import type { Tx } from "../db";
import { mergeSensitive } from "../domain/access/split-sensitive";
import type { ReferenceSourceInput } from "../domain/access/resolve-types";
import { openSensitive } from "../repositories/environment-defaults";
import { findImportedArtifact } from "../repositories/imported-artifacts";
import { publishedOutput, referencesOfEnvironment } from "../repositories/slot-references";

export async function referenceInputs(
  organizationId: string,
  environmentId: string,
  componentId: string,
  tx?: Tx,
): Promise<ReferenceSourceInput[]> {
  const refs = await referencesOfEnvironment(environmentId, componentId, tx);
  return Promise.all(
    refs.map(async (r): Promise<ReferenceSourceInput> => {
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
    }),
  );
}
