import { z } from "zod";
import { listMemberships } from "../../repositories/users";
import { role } from "../schemas";
import { protectedProcedure, router } from "../trpc";

export const meRouter = router({
  /** Who am I, and where may I go: the top bar and the organization switcher. */
  get: protectedProcedure
    .input(z.void())
    .output(
      z.object({
        user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
        memberships: z.array(
          z.object({ organizationId: z.string(), organizationSlug: z.string(), organizationName: z.string(), role }),
        ),
      }),
    )
    .query(async ({ ctx }) => ({ user: ctx.user, memberships: await listMemberships(ctx.user.id) })),
});
