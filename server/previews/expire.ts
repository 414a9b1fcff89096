// The expiry schedule: each tick moves every expired preview one step down (see down.ts), so
// one tick queues its destroy and a later one, once that has ended, deletes it.
import { log } from "../log";
import { expiredPreviews } from "../repositories/previews";
import { previewDown } from "./down";

const expiryActor = {
  actor: { type: "system" as const, id: "preview-expiry", label: "preview expiry" },
  meta: {},
  userId: null,
};

/** Moves expired previews down a step; returns what each did. */
export async function previewTick(now: Date = new Date()) {
  const steps: { environment: string; state: string }[] = [];
  for (const env of await expiredPreviews(now)) {
    const scope = {
      organizationId: env.project.organizationId,
      projectId: env.projectId,
      role: "owner" as const,
    };
    await previewDown(expiryActor, scope, env.slug, "preview expired")
      .then((r) => steps.push({ environment: env.slug, state: r.state }))
      .catch((error) =>
        log.warn({ err: String(error), environment: env.id }, "expired preview not torn down"),
      );
  }
  return steps;
}

/** The embedded database's schedule: a timer; returns the function that stops it. */
export function startPreviewTimer(intervalMs = 60_000): () => void {
  const timer = setInterval(() => {
    previewTick().catch((error) => log.warn({ err: String(error) }, "preview expiry failed"));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
