// The authorization matrix: every tRPC procedure × every kind of caller, against the table
// of who may call what (test/procedures.ts). A refused caller gets the right refusal
// (signed out → UNAUTHORIZED, another organization → NOT_FOUND, too small a role →
// FORBIDDEN) and changes nothing; an allowed caller is never refused for who it is. API
// tokens are principals too: a token of a role gets what a member of that role gets, except
// on acts of a person (FORBIDDEN), and a token of another organization is an outsider.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { atLeast, ROLES, type Role } from "@/server/domain/roles";
import { reportFigures } from "@/test/figures";
import { forEachDatabase, snapshot, testToken } from "@/test/integration";
import {
  callProcedure,
  type Fixture,
  loadFixture,
  type ProcedureCase,
  PROCEDURES,
  procedurePaths,
} from "@/test/procedures";
import { revokeSession, startSession } from "../auth/sessions";
import { appRouter } from "./root";

type TokenPrincipal = `token-${Role}` | "token-outsider" | "token-revoked";
type Principal = Role | "outsider" | "anonymous" | "signed-out" | TokenPrincipal;
const TOKENS: TokenPrincipal[] = [
  ...ROLES.map((r) => `token-${r}` as const),
  "token-outsider",
  "token-revoked",
];
const PRINCIPALS: Principal[] = [...ROLES, "outsider", "anonymous", "signed-out", ...TOKENS];
const EMAIL: Record<Exclude<Principal, "signed-out" | TokenPrincipal>, string | null> = {
  owner: "owner@acme.test",
  ops: "ops@acme.test",
  developer: "dev@acme.test",
  viewer: "viewer@acme.test",
  outsider: "owner@globex.test",
  anonymous: null,
};

/** The refusal `principal` must get for a procedure needing `minimum`, or null when allowed. */
function expectedRefusal(
  principal: Principal,
  { minimum, personOnly }: ProcedureCase,
): "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN" | null {
  if (principal === "anonymous" || principal === "signed-out" || principal === "token-revoked")
    return "UNAUTHORIZED";
  const token = principal.startsWith("token-");
  if (token && personOnly) return "FORBIDDEN";
  if (minimum === "signed-in") return null;
  if (principal === "outsider" || principal === "token-outsider") return "NOT_FOUND";
  const role = (token ? principal.slice("token-".length) : principal) as Role;
  return atLeast(role, minimum) ? null : "FORBIDDEN";
}

const TENANCY_NOT_FOUND = /^(Project|Organization|Environment) not found$/;

/** Whether an outcome is a refusal for who the caller is (rather than for what it asked). */
function refusedForWho(outcome: unknown): string | null {
  if (!(outcome instanceof TRPCError)) return null;
  if (outcome.code === "UNAUTHORIZED" || outcome.code === "FORBIDDEN") return outcome.code;
  if (outcome.code === "NOT_FOUND" && TENANCY_NOT_FOUND.test(outcome.message)) return "NOT_FOUND";
  return null;
}

const figures = { cells: 0, unexpectedAllows: 0, unexpectedRefusals: 0, rowsChangedByRefusals: 0 };

forEachDatabase("authorization matrix", (h) => {
  let fx: Fixture;
  // A developer's session, signed out: its id resolves the way every request's cookie does.
  let signedOut: string;
  beforeAll(async () => {
    fx = await loadFixture(h);
    const dev = await h
      .db()
      .prisma.user.findFirstOrThrow({ where: { email: "dev@acme.test" }, select: { id: true } });
    signedOut = await startSession(dev.id, { requestId: "matrix" });
    await revokeSession(signedOut);
    for (const r of ROLES) tokens[`token-${r}`] = (await testToken(h, "acme", r)).value;
    tokens["token-outsider"] = (await testToken(h, "globex", "owner")).value;
    const revoked = await testToken(h, "acme", "owner");
    await h
      .db()
      .prisma.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    tokens["token-revoked"] = revoked.value;
  });
  const tokens: Partial<Record<TokenPrincipal, string>> = {};
  const callerFor = (principal: Principal) => {
    if (principal === "signed-out") return h.asSession(signedOut);
    if (principal.startsWith("token-")) return h.asToken(tokens[principal as TokenPrincipal]!);
    return h.as(EMAIL[principal as keyof typeof EMAIL]);
  };

  it("every procedure of the router is in the table, and the table names no procedure that is gone", () => {
    const paths = procedurePaths(appRouter);
    expect(
      paths.filter((p) => !(p in PROCEDURES)),
      "procedures without a row in test/procedures.ts",
    ).toEqual([]);
    expect(
      Object.keys(PROCEDURES).filter((p) => !paths.includes(p)),
      "rows for procedures that no longer exist",
    ).toEqual([]);
  });

  for (const [path, row] of Object.entries(PROCEDURES)) {
    it(`${path} (${row.minimum} and above${row.personOnly ? ", people only" : ""})`, async () => {
      // Refused callers first, so the allowed ones cannot have consumed a shared target.
      const order = [...PRINCIPALS].sort(
        (a, b) =>
          Number(expectedRefusal(a, row) === null) - Number(expectedRefusal(b, row) === null),
      );
      for (const principal of order) {
        const caller = await callerFor(principal);
        const input = await PROCEDURES[path]!.input(fx);
        const expected = expectedRefusal(principal, row);
        const before = expected ? await snapshot(h.db()) : undefined;
        const outcome = await callProcedure(caller, path, input).catch((error: unknown) => error);
        figures.cells++;
        const refused = refusedForWho(outcome);
        if (expected) {
          if (refused !== expected) figures.unexpectedAllows++;
          expect(
            refused,
            `${path} as ${principal}: ${outcome instanceof Error ? outcome.message : "allowed"}`,
          ).toBe(expected);
          const changed = Object.entries(await snapshot(h.db())).filter(
            ([table, digest]) => before![table] !== digest,
          );
          figures.rowsChangedByRefusals += changed.length;
          expect(
            changed.map(([table]) => table),
            `${path} as ${principal} changed tables`,
          ).toEqual([]);
        } else {
          if (refused) figures.unexpectedRefusals++;
          expect(
            refused,
            `${path} as ${principal}: ${outcome instanceof Error ? outcome.message : ""}`,
          ).toBeNull();
        }
      }
    });
  }
});

afterAll(() => {
  reportFigures("authorization matrix", figures);
});
