import { z } from "zod";
import * as publications from "../../references/publications";
import { borrowerDto, publicationDto } from "../../references/schemas";
import { environmentProcedure, projectProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

// Output artifacts a project offers to the other projects of its organization.
export const publicationRouter = router({
  /** The project's publications, each with the slots that borrow it. */
  list: projectProcedure("viewer", "publication.list")
    .input(z.object({ projectId: id }))
    .output(z.array(publicationDto.extend({ borrowers: z.array(borrowerDto) })))
    .query(({ input }) => publications.listPublications(input.projectId)),

  /** Offers a component's output in this environment: to every project (`audience: []`) or some. */
  publish: environmentProcedure("ops", "publication.publish")
    .input(
      z.object({
        environmentId: id,
        componentId: id,
        artifact: z.string().min(1, { message: "is required" }).max(64),
        audience: z.array(id).max(100).default([]),
      }),
    )
    .output(publicationDto)
    .mutation(({ ctx, input: { environmentId: _, ...input } }) =>
      publications.publish(ctx.audit, ctx.access.environment, input),
    ),

  /** Offers it to every project (`audience: []`) or the ones named; never leaves out a borrower. */
  setAudience: projectProcedure("ops", "publication.setAudience")
    .input(z.object({ projectId: id, publicationId: id, audience: z.array(id).max(100) }))
    .output(publicationDto)
    .mutation(({ ctx, input }) =>
      publications.setAudience(
        ctx.audit,
        { organizationId: ctx.access.organizationId, projectId: input.projectId },
        input.publicationId,
        input.audience,
      ),
    ),

  /** Refused while any slot borrows it (the message names every borrower). */
  unpublish: projectProcedure("ops", "publication.unpublish")
    .input(z.object({ projectId: id, publicationId: id }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) =>
      publications.unpublish(
        ctx.audit,
        { organizationId: ctx.access.organizationId, projectId: input.projectId },
        input.publicationId,
      ),
    ),
});
