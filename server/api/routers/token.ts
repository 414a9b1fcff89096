import { z } from "zod";
import { MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from "../../domain/auth/api-tokens";
import * as tokens from "../../tokens/service";
import { organizationProcedure } from "../procedures";
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
  /** the token that minted it (null: a person did) */
  parentTokenId: z.string().nullable(),
});

const toDto = (t: z.infer<typeof tokenDto>) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
  parentTokenId: t.parentTokenId,
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
   * Mints a token; its value is in this answer only. A token may mint one too, as its child: no
   * stronger and expiring no later than itself, and revoked with it, so it cannot outlive it.
   */
  create: organizationProcedure("ops", "token.create")
    .input(z.object({ organizationId: id, name, role, expiresInDays }))
    .output(z.object({ token: tokenDto, value: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const { principal } = ctx;
      const creator: tokens.TokenCreator =
        principal.kind === "token"
          ? { kind: "token", token: principal.token }
          : { kind: "user", userId: principal.user.id, role: ctx.access.role };
      const created = await tokens.createToken(ctx.audit, creator, input);
      return { token: toDto(created.token), value: created.value };
    }),

  /**
   * Ends a token of the organization at once, and every token minted from it (`descendants`); the
   * next call with any of them is refused as "token revoked".
   */
  revoke: organizationProcedure("ops", "token.revoke")
    .input(z.object({ organizationId: id, tokenId: id }))
    .output(tokenDto.extend({ descendants: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await tokens.revokeToken(ctx.audit, input.organizationId, input.tokenId);
      return { ...toDto(revoked), descendants: revoked.descendants };
    }),
});
