import { z } from "zod";
import { compareResultDto } from "../../compare/schemas";
import { compareEnvironments } from "../../compare/service";
import { requireProject } from "../guard";
import { id } from "../schemas";
import { protectedProcedure, router } from "../trpc";

// Visual diff of two environments of a project (anyone who may read the project).
export const compareRouter = router({
  /** Per component and per line: same / changed / added / removed, with field-level changes (sensitive values masked, secrets by fingerprint). */
  environments: protectedProcedure
    .input(z.object({ projectId: id, left: id, right: id }))
    .output(compareResultDto)
    .query(async ({ ctx, input }) => {
      const { organizationId } = await requireProject(ctx, input.projectId, "viewer", "compare.read");
      return compareEnvironments({ organizationId, ...input });
    }),
});
