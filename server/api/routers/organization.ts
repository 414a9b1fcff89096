import { z } from "zod";
import { AppError } from "../../domain/errors";
import { findOrganizationBySlug } from "../../repositories/organizations";
import { requireOrganization } from "../guard";
import { role, slug } from "../schemas";
import { protectedProcedure, router } from "../trpc";

export const organizationRouter = router({
  bySlug: protectedProcedure
    .input(z.object({ slug }))
    .output(z.object({ id: z.string(), slug: z.string(), name: z.string(), role }))
    .query(async ({ ctx, input }) => {
      const organization = await findOrganizationBySlug(input.slug);
      if (!organization) throw new AppError("NOT_FOUND", "Organization not found");
      const access = await requireOrganization(ctx, organization.id, "viewer", "organization.read");
      return { ...organization, role: access.role };
    }),
});
