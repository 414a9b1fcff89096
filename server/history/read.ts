// Time travel's time slider: the moments an environment's state changed (recorded by
// server/environment-state/record.ts), each with the audit event that changed it. Reading
// the state at one of them is server/environment-state/past.ts.
import { AppError } from "../domain/errors";
import { firstRecordedAt, momentsSince } from "../repositories/history";
import { getProject } from "../repositories/projects";

export interface Moment {
  at: string;
  action: string | null;
  actor: string | null;
}

const MAX_MOMENTS = 500;

/**
 * The moments `environmentId` (of `projectId`) changed after `since`, oldest first, and where its
 * recorded history starts.
 */
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
