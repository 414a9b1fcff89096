// Auth.js (next-auth v5): email + password credentials, JWT sessions. The JWT carries the user
// id and a session id (`sid`); every read of the session checks that session's row
// (server/auth/sessions.ts), so a revoked or expired session is signed out at once. Roles are
// read per request from memberships so a changed role takes effect at once, too.
import "server-only";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { requestMeta } from "../audit/request-meta";
import { safeCallbackPath } from "../domain/auth/callback-path";
import { throttledCode } from "../domain/auth/throttle";
import { env } from "../env";
import { log } from "../log";
import type { UserDto } from "../repositories/users";
import { sessionToken } from "./session-token";
import { revokeSession, SESSION_IDLE_SECONDS, userForSession } from "./sessions";
import { signInWithPassword } from "./sign-in";

/** A refused sign-in whose `code` reaches the form (it names only the wait, never the account). */
class ThrottledSignIn extends CredentialsSignin {}

const nextAuth = NextAuth({
  trustHost: true,
  secret: env().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/signin" },
  // Route Auth.js's own logging into our structured log. A wrong password is an expected
  // outcome (counted by the throttle), not an error with a stack trace.
  logger: {
    error(error) {
      // `type`, not `name`: the production build minifies class names.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      log.error({ err: { name: error.name, message: error.message } }, "auth error");
    },
    warn(code) {
      log.warn({ code }, "auth warning");
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: async (credentials, request) => {
        const result = await signInWithPassword(credentials, requestMeta(request.headers));
        if (result.ok) return { ...result.user, sid: result.sessionId };
        if (result.reason === "throttled") {
          const error = new ThrottledSignIn();
          error.code = throttledCode(result.scope, result.retryAfterSeconds);
          throw error;
        }
        return null;
      },
    }),
  ],
  callbacks: {
    // Runs on sign-in (with `user`) and on every session read: the session row decides.
    async jwt({ token, user }) {
      if (user) {
        const sid = (user as { sid?: unknown }).sid;
        if (typeof user.id !== "string" || typeof sid !== "string") return null;
        return { ...token, uid: user.id, sid };
      }
      const live = await liveUser(token);
      return live ? { ...token, name: live.name, email: live.email } : null;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
    // Where Auth.js itself redirects after sign-in or sign-out: same-origin paths only.
    redirect({ url, baseUrl }) {
      return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await revokeSession(sid, "signed_out");
    },
  },
});

export const { handlers, signOut } = nextAuth;

/** The user a session token stands for while its session row is live (the row decides). */
async function liveUser(token: JWT): Promise<UserDto | null> {
  const live = typeof token.sid === "string" ? await userForSession(token.sid) : null;
  return live && live.id === token.uid ? live : null;
}

/**
 * The signed-in user of a live session (a revoked, expired or deleted one reads as signed out).
 * The session token is decoded with Auth.js's own reader and checked as its `jwt` callback
 * checks it. Not `auth()`: that runs Auth.js's whole session action, which also re-encrypts a
 * refreshed cookie that neither a page nor this app's route handlers can send.
 */
export async function currentUser(): Promise<UserDto | null> {
  const { AUTH_SECRET, AUTH_URL, NEXTAUTH_URL } = env();
  const token = await sessionToken(await headers(), {
    secret: AUTH_SECRET,
    publicUrl: AUTH_URL ?? NEXTAUTH_URL,
  });
  return token ? liveUser(token) : null;
}
