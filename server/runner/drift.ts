// What a drift run leaves: the instance's finding (clean, drifted with its items, or failed),
// written in the run's own finishing write. The finding is a status beside the instance's: the
// instance's status and the run's "succeeded" never say anything about drift. A change of
// finding is a detection and is audited as one (`instance.drifted`, `instance.drift_cleared`);
// a check that finds what the previous one found is only the run's own event.
import { isDeepStrictEqual } from "node:util";
import type { Tx } from "../db";
import { lockDrift, saveDrift } from "../repositories/drift";
import type { RunRow } from "../repositories/runs";
import type { DriftItem } from "../provisioners/types";

export interface Detection {
  action: "instance.drifted" | "instance.drift_cleared";
  before: { drift: string; items?: DriftItem[] };
  after: { drift: string; items?: DriftItem[] };
}

/** Records the finding of a drift run that ended `status`; returns the detection, if any. */
export async function recordDrift(
  tx: Tx,
  run: RunRow,
  status: "succeeded" | "failed",
  items: DriftItem[] | undefined,
): Promise<Detection | null> {
  if (!run.instanceId) return null;
  const previous = await lockDrift(tx, run.instanceId);
  const now = new Date();
  const found =
    status === "succeeded" ? ((items?.length ?? 0) > 0 ? "drifted" : "clean") : "failed";
  const nowItems = found === "drifted" ? (items ?? []) : [];
  const same = previous?.status === found && isDeepStrictEqual(previous.items ?? [], nowItems);
  await saveDrift(tx, {
    instanceId: run.instanceId,
    status: found,
    items: nowItems,
    checkedAt: now,
    deploymentId: run.id,
    since: same && previous ? previous.since : now,
  });
  const was = previous?.status ?? "unchecked";
  const wasItems = (previous?.items ?? []) as DriftItem[];
  if (found === "drifted" && !same)
    return {
      action: "instance.drifted",
      before: { drift: was, ...(was === "drifted" ? { items: wasItems } : {}) },
      after: { drift: found, items: nowItems },
    };
  if (found === "clean" && was === "drifted")
    return {
      action: "instance.drift_cleared",
      before: { drift: was, items: wasItems },
      after: { drift: found },
    };
  return null;
}
