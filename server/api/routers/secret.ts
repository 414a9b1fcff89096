import { z } from "zod";
import { secretName, secretStatusDto, secretValue } from "../../secrets/schemas";
import * as secrets from "../../secrets/service";
import { userIdOf } from "../context";
import { projectProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

const target = z.object({ projectId: id, componentId: id, environmentId: id });

// Secrets of a component in one environment. Write-only: no procedure returns a value.
export const secretRouter = router({
  list: projectProcedure("viewer", "secret.list")
    .input(target)
    .output(z.array(secretStatusDto))
    .query(({ ctx, input }) =>
      secrets.listSecrets({ ...input, organizationId: ctx.access.organizationId }),
    ),

  set: projectProcedure("developer", "secret.set")
    .input(target.extend({ name: secretName, value: secretValue }))
    .output(secretStatusDto)
    .mutation(({ ctx, input: { name, value, ...t } }) =>
      secrets.setSecret(
        { ...ctx.audit, userId: userIdOf(ctx.principal) },
        { ...t, organizationId: ctx.access.organizationId },
        name,
        value,
      ),
    ),

  /** Returns the secret's status afterwards, or null when it is no longer declared at all. */
  clear: projectProcedure("developer", "secret.clear")
    .input(target.extend({ name: secretName }))
    .output(secretStatusDto.nullable())
    .mutation(({ ctx, input: { name, ...t } }) =>
      secrets.clearSecret(ctx.audit, { ...t, organizationId: ctx.access.organizationId }, name),
    ),
});
