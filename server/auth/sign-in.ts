// Credentials sign-in: verify the password, and write the attempt to the audit trail either
// way (the email, never the password). Unknown emails cost the same time as wrong passwords.
import { z } from "zod";
import { recordAuditEvent } from "../audit/write";
import type { RequestMeta } from "../audit/types";
import { findUserForSignIn, listMemberships, type UserDto } from "../repositories/users";
import { decoyHash, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email({ message: "must be an email address" }),
  password: z.string().min(1, { message: "is required" }).max(200),
});

export async function signInWithPassword(raw: unknown, meta: RequestMeta): Promise<UserDto | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await findUserForSignIn(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  const memberships = user ? await listMemberships(user.id) : [];
  // One event per organization the user belongs to, so each organization's log shows it;
  // unknown emails go to the global chain.
  const organizations = memberships.length ? memberships.map((m) => m.organizationId) : [null];
  for (const organizationId of organizations) {
    await recordAuditEvent(
      { actor: user ? { type: "user", id: user.id, label: user.email } : { type: "anonymous", label: email }, meta },
      {
        organizationId,
        action: ok && user ? "auth.signed_in" : "auth.sign_in_failed",
        outcome: ok && user ? "success" : "denied",
        target: { type: "user", id: user?.id },
        after: ok && user ? undefined : { email, reason: "wrong email or password" },
      },
    );
  }
  return ok && user ? { id: user.id, email: user.email, name: user.name } : null;
}
