import { z } from "zod";
import { codeViewDto, resolutionDto } from "../../access/schemas";
import * as access from "../../access/service";
import { recordOutputs } from "../../secrets/instance-outputs";
import { projectProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

const target = z.object({ projectId: id, componentId: id, environmentId: id });

// What a component receives in an environment (Access and Runtime tabs), and the audited reveal.
export const accessRouter = router({
  /**
   * Params, connections, grants of every line in, env vars (sensitive ones masked), secrets status,
   * blast radius.
   */
  resolve: projectProcedure("viewer", "access.read")
    .input(target)
    .output(resolutionDto)
    .query(({ ctx, input }) =>
      access.resolveForView({ organizationId: ctx.access.organizationId, ...input }),
    ),

  /**
   * The Code tab: the tfvars files a deployment would receive (the runner's own function), every
   * sensitive value written as its name.
   */
  code: projectProcedure("viewer", "access.read")
    .input(target)
    .output(codeViewDto)
    .query(({ ctx, input }) =>
      access.codeForView({ organizationId: ctx.access.organizationId, ...input }),
    ),

  /**
   * What blocks a plan of each component of an environment, in one call for the whole diagram
   * (the canvas badges every component from it): fields, rules and messages, never a value.
   */
  blockers: projectProcedure("viewer", "access.read")
    .input(z.object({ projectId: id, environmentId: id }))
    .output(
      z.array(
        z.object({
          componentId: z.string(),
          blockers: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })),
        }),
      ),
    )
    .query(({ ctx, input }) =>
      access.blockersForEnvironment({ organizationId: ctx.access.organizationId, ...input }),
    ),

  /**
   * What the component produced on one output slot in this environment (ops+): outputs of
   * infrastructure that already runs. Lines from it then carry this payload, not a preview.
   */
  recordOutputs: projectProcedure("ops", "outputs.record")
    .input(
      target.extend({
        slot: z.string().min(1).max(64),
        payload: z.record(z.string(), z.unknown()),
      }),
    )
    .output(z.object({ slot: z.string(), type: z.string(), sensitive: z.array(z.string()) }))
    .mutation(({ ctx, input: { slot, payload, ...rest } }) =>
      recordOutputs(
        ctx.audit,
        { organizationId: ctx.access.organizationId, ...rest },
        slot,
        payload,
      ),
    ),

  /** One sensitive env var in clear: owner and ops only, and every reveal is in the audit trail. */
  reveal: projectProcedure("ops", "env.reveal")
    .input(target.extend({ name: z.string().min(1).max(128) }))
    .output(z.object({ name: z.string(), value: z.string() }))
    .mutation(({ ctx, input: { name, ...rest } }) =>
      access.revealEnvVar(ctx.audit, { organizationId: ctx.access.organizationId, ...rest }, name),
    ),
});
