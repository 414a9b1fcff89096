import { z } from "zod";
import { MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from "../../domain/auth/api-tokens";
import * as tokens from "../../tokens/service";
import { organizationProcedure, personOrganizationProcedure } from "../procedures";
import { id, role } from "../schemas";
import { router } from "../trpc";

// What a token looks like to its organization: never its value or hash.
const tokenDto = z.object({
  id: z.string(),
  name: z.string(),
  role,
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const toDto = (t: z.infer<typeof tokenDto>) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
});

const name = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(80, { message: "must be at most 80 characters" });
const expiresInDays = z
  .number()
  .int({ message: "must be a whole number of days" })
  .min(MIN_EXPIRY_DAYS, { message: `must be at least ${MIN_EXPIRY_DAYS} day` })
  .max(MAX_EXPIRY_DAYS, { message: `must be at most ${MAX_EXPIRY_DAYS} days` });

// API tokens of an organization (ops and owners): scripts and CI acting with a role.
export const tokenRouter = router({
  list: organizationProcedure("ops", "token.list")
    .input(z.object({ organizationId: id }))
    .output(z.array(tokenDto))
    .query(async ({ input }) => (await tokens.listTokens(input.organizationId)).map(toDto)),

  /**
   * Mints a token; its value is in this answer only. A person only: a token minting tokens
   * could outlive its own expiry (and revocation) by handing itself a successor.
   */
  create: personOrganizationProcedure("ops", "token.create")
    .input(z.object({ organizationId: id, name, role, expiresInDays }))
    .output(z.object({ token: tokenDto, value: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const created = await tokens.createToken(ctx.audit, ctx.access.role, ctx.user.id, input);
      return { token: toDto(created.token), value: created.value };
    }),

  /**
   * Ends a token of the organization at once; the next call with it is refused as "token revoked".
   */
  revoke: organizationProcedure("ops", "token.revoke")
    .input(z.object({ organizationId: id, tokenId: id }))
    .output(tokenDto)
    .mutation(async ({ ctx, input }) =>
      toDto(await tokens.revokeToken(ctx.audit, input.organizationId, input.tokenId)),
    ),
});
