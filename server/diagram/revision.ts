// A save's revision: the project's row is locked (saves to one project queue here), and a save
// based on an older revision is rebased over the ones since when they touched nothing of its
// (server/domain/graph/footprint.ts); otherwise, or when those are no longer recorded, it is a
// conflict for the client to merge.
import type { Tx } from "../db";
import { AppError } from "../domain/errors";
import { type Footprint, footprint, overlap } from "../domain/graph/footprint";
import type { Op } from "../domain/graph/ops";
import * as revisions from "../repositories/diagram-revisions";

async function checkRebase(
  tx: Tx,
  projectId: string,
  base: number,
  current: number,
  touches: Footprint,
) {
  const since = base < current ? await revisions.changesBetween(tx, projectId, base, current) : [];
  const complete = since.length === current - base && since[0]?.revision === base + 1;
  const clash = complete ? overlap(touches, since) : null;
  if (complete && clash === null) return;
  throw new AppError(
    "CONFLICT",
    `revision: this diagram changed since revision ${base} (now ${current})${clash ? ` in what this change touches (${clash})` : ""}; reload to see the other change`,
    { revision: current },
  );
}

/** Moves the project past `base` for `ops` (recording what they touch), or throws CONFLICT. */
export async function nextRevision(tx: Tx, projectId: string, base: number, ops: readonly Op[]) {
  const touches = footprint(ops);
  // Moved and recorded first: a refusal below rolls both back with the transaction.
  const advanced = await revisions.advanceRevision(tx, projectId, touches);
  if (!advanced) throw new AppError("NOT_FOUND", "Project not found");
  const { revision, organizationId } = advanced;
  const current = revision - 1;
  const rebased = current !== base;
  if (rebased) await checkRebase(tx, projectId, base, current, touches);
  return { revision, rebased, organizationId };
}

/** The rules, checked again on the diagram as it is now: a rebased batch breaking one conflicts. */
export function rebasedApply<T>(base: number, rebased: boolean, apply: () => T): T {
  try {
    return apply();
  } catch (error) {
    // A guardrail refuses the value whatever the diagram around it: that is not a conflict.
    const byShape = error instanceof AppError && error.code === "BAD_REQUEST";
    if (!rebased || !byShape || "guardrail" in error.details) throw error;
    throw new AppError(
      "CONFLICT",
      `revision: this diagram changed since revision ${base}, and this change no longer fits it (${error.message}); reload to see the other change`,
    );
  }
}
