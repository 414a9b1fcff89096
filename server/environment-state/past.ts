// An environment as it was at a past moment: the newest state recorded at or before it
// (server/environment-state/record.ts wrote it). A moment before the environment existed
// reads as an empty environment.
import type { EnvironmentSnapshot, SnapshotEnvironment } from "../domain/diff/types";
import { formatUtc } from "../domain/time";
import { environmentCreatedAt, firstState, stateAt } from "../repositories/history";

export interface PastEnvironment {
  snapshot: EnvironmentSnapshot;
  /** Component id → [x, y] then: draws components that are gone since. */
  positions: Record<string, [number, number]>;
  /** Said when the moment asked for is not what was read (before the recorded history). */
  notice?: string;
}

/** `environment` at `at`, or null when none of its history is recorded (read it as it is now). */
export async function environmentAt(
  environment: SnapshotEnvironment,
  at: Date,
): Promise<PastEnvironment | null> {
  const iso = at.toISOString();
  const row = await stateAt(environment.id, at);
  if (row) return { snapshot: { ...row.state, environment, at: iso }, positions: row.positions };
  const created = await environmentCreatedAt(environment.id);
  if (created && created > at) {
    return {
      snapshot: { environment, at: iso, components: [], links: [], instances: {} },
      positions: {},
      notice: `${environment.name} did not exist yet at ${formatUtc(at)}`,
    };
  }
  const first = await firstState(environment.id);
  if (!first) return null;
  return {
    snapshot: { ...first.state, environment, at: first.at.toISOString() },
    positions: first.positions,
    notice: `${environment.name}'s history is recorded from ${formatUtc(first.at)}: showing that state`,
  };
}
