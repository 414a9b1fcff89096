import { z } from "zod";
import { resolutionDto } from "../../access/schemas";
import * as access from "../../access/service";
import { recordOutputs } from "../../secrets/instance-outputs";
import { requireProject } from "../guard";
import { id } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const target = z.object({ projectId: id, componentId: id, environmentId: id });

// What a component receives in an environment (Access and Runtime tabs), and the audited reveal.
export const accessRouter = router({
  /** Params, connections, grants of every line in, env vars (sensitive ones masked), secrets status, blast radius. */
  resolve: protectedProcedure
    .input(target)
    .output(resolutionDto)
    .query(async ({ ctx, input }) => {
      const { organizationId } = await requireProject(
        ctx,
        input.projectId,
        "viewer",
        "access.read",
      );
      return access.resolveForView({ organizationId, ...input });
    }),

  /**
   * What the component produced on one output slot in this environment (ops+): outputs of
   * infrastructure that already runs. Lines from it then carry this payload, not a preview.
   */
  recordOutputs: protectedProcedure
    .input(
      target.extend({
        slot: z.string().min(1).max(64),
        payload: z.record(z.string(), z.unknown()),
      }),
    )
    .output(z.object({ slot: z.string(), type: z.string(), sensitive: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => {
      const { organizationId, actor } = await requireProject(
        ctx,
        input.projectId,
        "ops",
        "outputs.record",
      );
      const { slot, payload, ...rest } = input;
      return recordOutputs({ actor, meta: ctx.meta }, { organizationId, ...rest }, slot, payload);
    }),

  /** One sensitive env var in clear: owner and ops only, and every reveal is in the audit trail. */
  reveal: protectedProcedure
    .input(target.extend({ name: z.string().min(1).max(128) }))
    .output(z.object({ name: z.string(), value: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const { organizationId, actor } = await requireProject(
        ctx,
        input.projectId,
        "ops",
        "env.reveal",
      );
      const { name, ...rest } = input;
      return access.revealEnvVar({ actor, meta: ctx.meta }, { organizationId, ...rest }, name);
    }),
});
