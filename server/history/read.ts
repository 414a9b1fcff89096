// Time travel, reading side: an environment as it was at a past moment (the newest state
// recorded at or before it), and the moments its state changed — what the time slider steps
// through. A moment before the environment existed reads as an empty environment.
import type { EnvironmentSnapshot, SnapshotEnvironment } from "../domain/diff/types";
import { AppError } from "../domain/errors";
import { formatUtc } from "../domain/time";
import {
  environmentCreatedAt,
  firstRecordedAt,
  firstState,
  momentsSince,
  stateAt,
} from "../repositories/history";
import { getProject } from "../repositories/projects";

export interface PastEnvironment {
  snapshot: EnvironmentSnapshot;
  /** Component id → [x, y] then: draws components that are gone since. */
  positions: Record<string, [number, number]>;
  /** Said when the moment asked for is not what was read (before the recorded history). */
  notice?: string;
}

/** `environment` at `at`, or null when nothing of its history is recorded (read it as it is now). */
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

export interface Moment {
  at: string;
  action: string | null;
  actor: string | null;
}

export const MAX_MOMENTS = 500;

/** The moments `environmentId` (of `projectId`) changed after `since`, oldest first, and where its recorded history starts. */
export async function environmentMoments(
  projectId: string,
  environmentId: string,
  since: Date,
): Promise<{ recordedFrom: string | null; moments: Moment[]; truncated: boolean }> {
  const project = await getProject(projectId);
  if (!project?.environments.some((e) => e.id === environmentId)) {
    throw new AppError("NOT_FOUND", "environmentId: not an environment of this project", {
      fields: { environmentId: ["is not an environment of this project"] },
    });
  }
  const [first, rows] = await Promise.all([
    firstRecordedAt(environmentId),
    momentsSince(environmentId, since, MAX_MOMENTS + 1),
  ]);
  return {
    recordedFrom: first ? first.toISOString() : null,
    moments: rows
      .slice(0, MAX_MOMENTS)
      .map((r) => ({ at: r.at.toISOString(), action: r.action, actor: r.actor })),
    truncated: rows.length > MAX_MOMENTS,
  };
}
