import { z } from "zod";
import { auditedWrite } from "../../changes/audited-write";
import { revokeUserSessions } from "../../auth/sessions";
import { listMemberships } from "../../repositories/users";
import { role } from "../schemas";
import { personProcedure, router } from "../trpc";

export const meRouter = router({
  /** Who am I, and where may I go: the top bar and the organization switcher. */
  get: personProcedure
    .input(z.void())
    .output(
      z.object({
        user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
        memberships: z.array(
          z.object({
            organizationId: z.string(),
            organizationSlug: z.string(),
            organizationName: z.string(),
            role,
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => ({
      user: ctx.user,
      memberships: await listMemberships(ctx.user.id),
    })),

  /**
   * Ends every session of the caller, this one included (a lost laptop, a shared computer).
   * A user-level act, so it goes to the global audit chain rather than one organization's.
   */
  signOutEverywhere: personProcedure
    .input(z.void())
    .output(z.object({ revoked: z.number().int() }))
    .mutation(async ({ ctx }) =>
      auditedWrite(ctx.audit, async (tx) => {
        const revoked = await revokeUserSessions(tx, ctx.user.id, "signed_out_everywhere");
        return {
          result: { revoked },
          audit: {
            organizationId: null,
            action: "auth.signed_out_everywhere",
            target: { type: "user", id: ctx.user.id },
            after: { revoked },
          },
        };
      }),
    ),
});
