import { z } from "zod";
import { recordAuditEvent } from "../../audit/write";
import { AppError } from "../../domain/errors";
import type { Role } from "../../domain/roles";
import { findEnvironmentRef } from "../../repositories/environment-defaults";
import * as defaults from "../../secrets/environment-defaults";
import { defaultName, defaultTypeDto, environmentDefaultDto } from "../../secrets/schemas";
import { actorOf } from "../context";
import { requireProject } from "../guard";
import { id } from "../schemas";
import { protectedProcedure, router, type ProtectedContext } from "../trpc";

/** Tenancy through the environment's project; an unknown environment is refused (and recorded) like an unknown project. */
async function requireEnvironment(
  ctx: ProtectedContext,
  environmentId: string,
  minimum: Role,
  action: string,
) {
  const env = await findEnvironmentRef(environmentId);
  if (!env) {
    await recordAuditEvent(
      { actor: actorOf(ctx.principal), meta: ctx.meta },
      {
        organizationId: null,
        action,
        outcome: "denied",
        target: { type: "environment", id: environmentId },
        after: { reason: "Environment not found" },
      },
    );
    throw new AppError("NOT_FOUND", "Environment not found");
  }
  const access = await requireProject(ctx, env.projectId, minimum, action);
  return { env, access };
}

// Artifacts supplied by hand to one environment. Sensitive fields go in, never come out.
export const environmentDefaultRouter = router({
  list: protectedProcedure
    .input(z.object({ environmentId: id }))
    .output(z.array(environmentDefaultDto))
    .query(async ({ ctx, input }) => {
      const { env } = await requireEnvironment(
        ctx,
        input.environmentId,
        "viewer",
        "environment-default.list",
      );
      return defaults.listEnvironmentDefaults(env);
    }),

  /** Artifact types with their schemas, for the payload form. */
  types: protectedProcedure
    .input(z.object({ projectId: id }))
    .output(z.array(defaultTypeDto))
    .query(async ({ ctx, input }) => {
      const access = await requireProject(
        ctx,
        input.projectId,
        "viewer",
        "environment-default.list",
      );
      return defaults.defaultTypes(access.organizationId);
    }),

  add: protectedProcedure
    .input(
      z.object({
        environmentId: id,
        name: defaultName,
        type: z.string().min(1, { message: "is required" }).max(100),
        payload: z.record(z.string(), z.unknown()),
      }),
    )
    .output(environmentDefaultDto)
    .mutation(async ({ ctx, input }) => {
      const { env, access } = await requireEnvironment(
        ctx,
        input.environmentId,
        "ops",
        "environment-default.add",
      );
      return defaults.addEnvironmentDefault({ actor: access.actor, meta: ctx.meta }, env, input);
    }),

  remove: protectedProcedure
    .input(z.object({ environmentId: id, id }))
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const { env, access } = await requireEnvironment(
        ctx,
        input.environmentId,
        "ops",
        "environment-default.remove",
      );
      return defaults.removeEnvironmentDefault(
        { actor: access.actor, meta: ctx.meta },
        env,
        input.id,
      );
    }),
});
