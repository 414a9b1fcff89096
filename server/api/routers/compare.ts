import { z } from "zod";
import { compareResultDto } from "../../compare/schemas";
import { compareEnvironments } from "../../compare/service";
import { environmentMoments } from "../../history/read";
import { projectProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

const moment = z.iso.datetime({
  offset: true,
  message: "must be an ISO date-time, e.g. 2026-11-21T09:30:00Z",
});
const at = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

// Visual diff of two environments of a project, now or at past moments (anyone who may read the
// project).
export const compareRouter = router({
  /**
   * Per component and per line: same / changed / added / removed, with field-level changes
   * (sensitive values masked, secrets by fingerprint).
   */
  environments: projectProcedure("viewer", "compare.read")
    .input(
      z.object({
        projectId: id,
        left: id,
        right: id,
        leftAt: moment.optional(),
        rightAt: moment.optional(),
      }),
    )
    .output(compareResultDto)
    .query(({ ctx, input }) =>
      compareEnvironments({
        organizationId: ctx.access.organizationId,
        ...input,
        leftAt: at(input.leftAt),
        rightAt: at(input.rightAt),
      }),
    ),

  /**
   * The moments an environment's state changed since `since` (what the time slider steps through),
   * oldest first.
   */
  history: projectProcedure("viewer", "compare.read")
    .input(z.object({ projectId: id, environmentId: id, since: moment }))
    .output(
      z.object({
        recordedFrom: z.string().nullable(),
        moments: z.array(
          z.object({ at: z.string(), action: z.string().nullable(), actor: z.string().nullable() }),
        ),
        truncated: z.boolean(),
      }),
    )
    .query(({ input }) =>
      environmentMoments(input.projectId, input.environmentId, new Date(input.since)),
    ),
});
