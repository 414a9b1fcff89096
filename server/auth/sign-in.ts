// Credentials sign-in: throttle, verify the password, start a session. Unknown emails cost the same
// time as wrong passwords and are throttled the same way, so neither reveals an account. Failed
// attempts are counted (server/auth/throttle.ts), not audited one by one: an anonymous caller must
// not be able to write into an organization's audit trail at will. A lockout is audited once, when
// it starts; a successful sign-in is audited in each of the user's organizations.
import { z } from "zod";
import { recordAuditEvent } from "../audit/write";
import type { RequestMeta } from "../audit/types";
import type { ThrottleScope } from "../domain/auth/throttle";
import { findUserForSignIn, listMemberships, type UserDto } from "../repositories/users";
import { decoyHash, verifyPassword } from "./password";
import { startSession } from "./sessions";
import { reserveAttempt, settleSuccess, throttleKeys } from "./throttle";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email({ message: "must be an email address" }),
  password: z.string().min(1, { message: "is required" }).max(200),
});

export type SignInResult =
  | { ok: true; user: UserDto; sessionId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; scope: ThrottleScope; retryAfterSeconds: number };

export async function signInWithPassword(raw: unknown, meta: RequestMeta): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, meta.ip);
  const reservation = await reserveAttempt(keys);
  const user = await findUserForSignIn(email);
  if (!reservation.ok) {
    for (const scope of reservation.started)
      await auditLockout(scope, email, user, meta, reservation.until);
    return {
      ok: false,
      reason: "throttled",
      scope: reservation.scope,
      retryAfterSeconds: Math.ceil((reservation.until.getTime() - Date.now()) / 1000),
    };
  }
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!ok || !user) return { ok: false, reason: "invalid" };
  await settleSuccess(keys);
  const sessionId = await startSession(user.id, meta);
  const memberships = await listMemberships(user.id);
  // One event per organization the user belongs to, so each organization's log shows it.
  const organizations = memberships.length ? memberships.map((m) => m.organizationId) : [null];
  for (const organizationId of organizations) {
    await recordAuditEvent(
      { actor: { type: "user", id: user.id, label: user.email }, meta },
      { organizationId, action: "auth.signed_in", target: { type: "user", id: user.id } },
    );
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, sessionId };
}

/**
 * One event per lockout, in the global chain: an account lockout only for an account that
 * exists (for made-up emails there is nothing to protect and nobody to tell), an address
 * lockout always. Each lockout lasts at least a minute and doubles, so these stay few.
 */
async function auditLockout(
  scope: ThrottleScope,
  email: string,
  user: UserDto | null,
  meta: RequestMeta,
  until: Date,
): Promise<void> {
  if (scope === "account" && !user) return;
  await recordAuditEvent(
    {
      actor: {
        type: "anonymous",
        label: scope === "account" ? email : (meta.ip ?? "unknown address"),
      },
      meta,
    },
    {
      organizationId: null,
      action: "auth.locked_out",
      outcome: "denied",
      target: scope === "account" ? { type: "user", id: user?.id } : { type: "address" },
      after: { scope, until: until.toISOString(), reason: "too many failed sign-ins" },
    },
  );
}
