import { z } from "zod";
import { listPreviews } from "../../../repositories/previews";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";
import { router } from "../../trpc";
import { down } from "./down";
import { up } from "./up";

// Preview environments (one per pull request): made and converged by `patchbay preview up`,
// torn down by `preview down` or when they expire. Developers and above; anyone reads them.
export const previewRouter = router({
  up,
  down,
  list: projectProcedure("viewer", "preview.list")
    .input(z.object({ projectId: id }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          slug: z.string(),
          name: z.string(),
          pullRequest: z.string().nullable(),
          expiresAt: z.date().nullable(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(async ({ input }) =>
      (await listPreviews(input.projectId)).map((p) => ({
        id: p.id,
        slug: p.slug,
        name: p.name,
        pullRequest: p.pullRequest,
        expiresAt: p.expiresAt,
        createdAt: p.createdAt,
      })),
    ),
});
