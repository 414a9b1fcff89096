import { z } from "zod";
import { auditedWrite } from "../../changes/audited-write";
import { revokeUserSessions } from "../../auth/sessions";
import { AppError } from "../../domain/errors";
import { findRole, findUser } from "../../repositories/users";
import { organizationBySlugProcedure, organizationProcedure } from "../procedures";
import { id, role, slug } from "../schemas";
import { router } from "../trpc";

export const organizationRouter = router({
  bySlug: organizationBySlugProcedure("viewer", "organization.read")
    .input(z.object({ slug }))
    .output(z.object({ id: z.string(), slug: z.string(), name: z.string(), role }))
    .query(({ ctx }) => ({ ...ctx.organization, role: ctx.access.role })),

  /**
   * An owner ends every session of a member of their organization (a stolen laptop, someone
   * leaving). Only members of this organization: anyone else answers "not found".
   */
  signOutMember: organizationProcedure("owner", "organization.signOutMember")
    .input(z.object({ organizationId: id, userId: id }))
    .output(z.object({ revoked: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const member = (await findRole(input.userId, input.organizationId))
        ? await findUser(input.userId)
        : null;
      if (!member)
        throw new AppError("NOT_FOUND", "userId: no such member in this organization", {
          fields: { userId: ["is not a member of this organization"] },
        });
      return auditedWrite(ctx.audit, async (tx) => {
        const revoked = await revokeUserSessions(tx, member.id, "signed_out_by_owner");
        return {
          result: { revoked },
          audit: {
            organizationId: input.organizationId,
            action: "member.signed_out_everywhere",
            target: { type: "user", id: member.id },
            after: { email: member.email, revoked },
          },
        };
      });
    }),
});
