import { z } from "zod";
import { compareResultDto } from "../../compare/schemas";
import { compareEnvironments } from "../../compare/service";
import { environmentMoments } from "../../history/read";
import { requireProject } from "../guard";
import { id } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const moment = z.iso.datetime({
  offset: true,
  message: "must be an ISO date-time, e.g. 2026-11-21T09:30:00Z",
});

// Visual diff of two environments of a project, now or at past moments (anyone who may read the project).
export const compareRouter = router({
  /** Per component and per line: same / changed / added / removed, with field-level changes (sensitive values masked, secrets by fingerprint). */
  environments: protectedProcedure
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
    .query(async ({ ctx, input }) => {
      const { organizationId } = await requireProject(
        ctx,
        input.projectId,
        "viewer",
        "compare.read",
      );
      const at = (iso: string | undefined) => (iso ? new Date(iso) : undefined);
      return compareEnvironments({
        organizationId,
        ...input,
        leftAt: at(input.leftAt),
        rightAt: at(input.rightAt),
      });
    }),

  /** The moments an environment's state changed since `since` (what the time slider steps through), oldest first. */
  history: protectedProcedure
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
    .query(async ({ ctx, input }) => {
      await requireProject(ctx, input.projectId, "viewer", "compare.read");
      return environmentMoments(input.projectId, input.environmentId, new Date(input.since));
    }),
});
