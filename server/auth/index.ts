// Auth.js (next-auth v5): email + password credentials, JWT sessions (works offline, no
// adapter tables needed). The session carries only the user id; roles are read per request
// from memberships so a changed role takes effect at once.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { requestMeta } from "../api/context";
import { log } from "../log";
import { findUser, type UserDto } from "../repositories/users";
import { signInWithPassword } from "./sign-in";

export const { handlers, auth, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/signin" },
  // Route Auth.js's own logging into our structured log. A wrong password is an expected
  // outcome (already in the audit trail), not an error with a stack trace.
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
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, request) => signInWithPassword(credentials, requestMeta(request.headers)),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
});

/** The signed-in user, re-read from the database (a deleted user is signed out). */
export async function currentUser(): Promise<UserDto | null> {
  const session = await auth();
  const id = session?.user?.id;
  return id ? findUser(id) : null;
}
