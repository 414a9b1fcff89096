// `preview down`, one step at a time, so the CLI and the expiry schedule drive it the same way:
// while runs are active it says so (`busy`, their ids); while anything is deployed it queues a
// destroy of the whole environment, consumers first (`destroying`); once nothing is, it deletes
// the environment with its instances, secrets and defaults (`deleted`). Only previews: any
// other environment is refused.
import type { AuditContext } from "../audit/types";
import { prisma } from "../db";
import { deployEnvironment } from "../deployments/environment";
import { AppError } from "../domain/errors";
import { deleteEnvironment } from "../environments/service";
import { deployedComponentIds } from "../repositories/runs";
import * as repo from "../repositories/previews";
import type { PreviewScope } from "./up";

export interface PreviewDownResult {
  state: "busy" | "destroying" | "deleted";
  environment: { id: string; slug: string };
  /** Runs to wait for: those active (`busy`) or just queued (`destroying`). */
  runIds: string[];
}

export async function previewDown(
  ctx: AuditContext & { userId: string | null },
  scope: PreviewScope,
  name: string,
  reason = "preview down",
): Promise<PreviewDownResult> {
  const environment = await repo.environmentBySlug(prisma(), scope.projectId, name);
  if (!environment)
    throw new AppError("NOT_FOUND", `name: no environment "${name}" in this project`, {
      fields: { name: ["is not an environment of this project"] },
    });
  if (!environment.preview)
    throw new AppError(
      "FORBIDDEN",
      `name: "${name}" is not a preview environment; preview down removes previews only`,
      { fields: { name: ["is not a preview"] }, rule: "preview-only" },
    );
  const ref = { id: environment.id, slug: environment.slug };
  const active = await repo.activeRunIds(environment.id);
  if (active.length > 0) return { state: "busy", environment: ref, runIds: active };
  if ((await deployedComponentIds(prisma(), environment.id)).size > 0) {
    const { runs } = await deployEnvironment(
      ctx,
      { ...scope, environmentId: environment.id },
      { action: "destroy", message: reason, confirm: environment.slug },
    );
    return { state: "destroying", environment: ref, runIds: runs.map((r) => r.id) };
  }
  await deleteEnvironment(ctx, scope, environment.id, { preview: true });
  return { state: "deleted", environment: ref, runIds: [] };
}
