// A run that ends without unlocking (its worker lost, its process killed) must not leave its
// states locked: the runner releases every lock the run's credentials took, as itself.
import { runnerActor } from "../audit/runner-actor";
import { findStateInstance, locksOfRun } from "../repositories/state";
import { unlockState } from "./service";

/** Releases the locks `deploymentId`'s run holds; returns how many it released. */
export async function releaseRunLocks(deploymentId: string, reason: string): Promise<number> {
  let released = 0;
  for (const lock of await locksOfRun(deploymentId)) {
    const instance = await findStateInstance(lock.instanceId);
    if (!instance) continue;
    const outcome = await unlockState(
      runnerActor(deploymentId),
      { instance, step: lock.step },
      { ...(lock.info as { ID: string }), ID: lock.lockId } as Parameters<typeof unlockState>[2],
      false,
      reason,
    );
    if (outcome.outcome === "unlocked") released++;
  }
  return released;
}
