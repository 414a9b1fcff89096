// The drift schedule's tick, once a minute: on PostgreSQL a pg-boss cron job (one worker takes
// each), on the embedded database a timer in the process that owns it. A tick queues drift
// checks for each environment whose cron fired since its last tick. Moving the last tick is a
// conditional update on the value read, so two processes ticking at once never both queue.
import { checkDrift } from "../deployments/drift";
import { isDriftCheckDue } from "../deployments/cron-schedule";
import { prisma } from "../db";
import { log } from "../log";
import { claimTick, scheduledEnvironments } from "../repositories/drift";

const scheduleActor = {
  actor: { type: "system" as const, id: "drift-schedule", label: "drift schedule" },
  meta: {},
  userId: null,
};

/** Queues the checks that are due at `now`; returns how many environments it ticked. */
export async function driftTick(now: Date = new Date()): Promise<number> {
  let ticked = 0;
  for (const env of await scheduledEnvironments()) {
    if (!isDriftCheckDue(env.driftSchedule, env.driftTickAt, now)) continue;
    if (!(await claimTick(prisma(), env.id, env.driftTickAt, now))) continue;
    ticked += 1;
    await checkDrift(
      scheduleActor,
      { organizationId: env.organizationId, projectId: env.projectId, environmentId: env.id },
      { message: `Scheduled drift check (${env.driftSchedule})`, scheduled: true },
    ).catch((error) =>
      log.warn({ err: String(error), environment: env.id }, "scheduled drift check not queued"),
    );
  }
  return ticked;
}

/** The embedded database's tick: a timer; returns the function that stops it. */
export function startDriftTimer(intervalMs = 60_000): () => void {
  const timer = setInterval(() => {
    driftTick().catch((error) => log.warn({ err: String(error) }, "drift tick failed"));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
