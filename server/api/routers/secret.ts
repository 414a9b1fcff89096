import { z } from "zod";
import { secretName, secretStatusDto, secretValue } from "../../secrets/schemas";
import * as secrets from "../../secrets/service";
import { requireProject } from "../guard";
import { id } from "../schemas";
import { userIdOf } from "../context";
import { protectedProcedure, router } from "../trpc";

const target = z.object({ projectId: id, componentId: id, environmentId: id });

// Secrets of a component in one environment. Write-only: no procedure returns a value.
export const secretRouter = router({
  list: protectedProcedure
    .input(target)
    .output(z.array(secretStatusDto))
    .query(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "viewer", "secret.list");
      return secrets.listSecrets({ ...input, organizationId: access.organizationId });
    }),

  set: protectedProcedure
    .input(target.extend({ name: secretName, value: secretValue }))
    .output(secretStatusDto)
    .mutation(async ({ ctx, input }) => {
      const { name, value, ...t } = input;
      const access = await requireProject(ctx, t.projectId, "developer", "secret.set");
      return secrets.setSecret(
        { actor: access.actor, meta: ctx.meta, userId: userIdOf(ctx.principal) },
        { ...t, organizationId: access.organizationId },
        name,
        value,
      );
    }),

  /** Returns the secret's status afterwards, or null when it is no longer declared at all. */
  clear: protectedProcedure
    .input(target.extend({ name: secretName }))
    .output(secretStatusDto.nullable())
    .mutation(async ({ ctx, input }) => {
      const { name, ...t } = input;
      const access = await requireProject(ctx, t.projectId, "developer", "secret.clear");
      return secrets.clearSecret(
        { actor: access.actor, meta: ctx.meta },
        { ...t, organizationId: access.organizationId },
        name,
      );
    }),
});
