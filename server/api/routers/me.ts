import { z } from "zod";
import { auditedWrite } from "../../changes/audited-write";
import { revokeUserSessions } from "../../auth/sessions";
import { findOrganizationById } from "../../repositories/organizations";
import { listMemberships } from "../../repositories/users";
import { role } from "../schemas";
import { personProcedure, protectedProcedure, router } from "../trpc";

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
   * Who is calling, person or API token, and the organizations it acts in with its role there: a
   * token has exactly one (how the command line learns its organization).
   */
  whoami: protectedProcedure
    .input(z.void())
    .output(
      z.object({
        kind: z.enum(["user", "token"]),
        name: z.string(),
        /** a token's expiry; null for a person */
        expiresAt: z.date().nullable(),
        organizations: z.array(
          z.object({ id: z.string(), slug: z.string(), name: z.string(), role }),
        ),
      }),
    )
    .query(async ({ ctx: { principal } }) => {
      if (principal.kind === "user")
        return {
          kind: "user" as const,
          name: principal.user.email,
          expiresAt: null,
          organizations: (await listMemberships(principal.user.id)).map((m) => ({
            id: m.organizationId,
            slug: m.organizationSlug,
            name: m.organizationName,
            role: m.role,
          })),
        };
      const { token } = principal;
      const organization = await findOrganizationById(token.organizationId);
      return {
        kind: "token" as const,
        name: token.name,
        expiresAt: token.expiresAt,
        organizations: organization ? [{ ...organization, role: token.role }] : [],
      };
    }),

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
