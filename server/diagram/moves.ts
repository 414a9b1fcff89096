// Moving components: the one save that changes no environment's state (positions are not part
// of it), so it reads neither the diagram nor the catalog — the components it names, their rows
// updated, one audit event — and costs the same at 10 components as at 1,000.
import type { Change } from "../changes/audited-write";
import type { Tx } from "../db";
import { applyOps, type Op } from "../domain/graph/ops";
import { slotCatalog } from "../domain/graph/types";
import { writeOps } from "../repositories/diagram";
import { componentsNamed } from "../repositories/diagram-parts";
import { describeChange } from "./describe";
import { nextRevision, rebasedApply } from "./revision";

/** Whether every op of the batch only moves a component. */
export function onlyMoves(ops: readonly Op[]): boolean {
  return (
    ops.length > 0 &&
    ops.every((o) => o.op === "updateComponent" && o.name === undefined && o.version === undefined)
  );
}

/** A move checks ids and coordinates only: no slot, instance or preset rule applies. */
const NO_RULES = { catalog: slotCatalog([]), environments: [] };

export async function writeMoves(
  tx: Tx,
  projectId: string,
  base: number,
  ops: Op[],
): Promise<Change<{ revision: number }>> {
  const { revision, rebased, organizationId } = await nextRevision(tx, projectId, base, ops);
  const ids = ops.flatMap((o) => (o.op === "updateComponent" ? [o.id] : []));
  const before = {
    components: await componentsNamed(tx, projectId, ids),
    links: [],
    instances: {},
  };
  // Refuses an id not on the diagram and a coordinate out of range, as every save does.
  const after = rebasedApply(base, rebased, () => applyOps(before, ops, NO_RULES));
  await writeOps(
    tx,
    projectId,
    ops,
    () => "",
    () => null,
  );
  const change = describeChange(before, after, ops, []);
  return {
    result: { revision },
    touched: [],
    audit: { organizationId, ...change, target: { ...change.target, projectId } },
  };
}
