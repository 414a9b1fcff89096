// tRPC core: procedures, the one place AppError and zod errors become transport errors, and
// a request log line per call (request id, path, duration, outcome — never the input).
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError, isAppError, type AppErrorCode } from "../domain/errors";
import { findHostileInput } from "../domain/input/hostile";
import type { Role } from "../domain/roles";
import type { AuditContext } from "../audit/types";
import { actorOf, type Context } from "./context";

const toTrpcCode: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** zod issues → { "field.path": ["message"] } and a one-line summary naming field and rule. */
function zodFields(error: ZodError): { fields: Record<string, string[]>; summary: string } {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "(input)";
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v.join("; ")}`)
    .join(" · ");
  return { fields, summary };
}

/** The least privileged caller a procedure admits: anyone signed in, or a role in its scope. */
type Minimum = "signed-in" | Role;

/**
 * What a procedure declares about its caller, set by the builder it is made from (here and in
 * procedures.ts) so the authorization matrix can be read from the router itself.
 */
export interface ProcedureMeta {
  /**
   * where the role is looked up: the organization named by the input, directly or through a project
   * or environment
   */
  scope: "public" | "signed-in" | "person" | "organization" | "project" | "environment";
  minimum?: Minimum;
  /** an act of a signed-in person: API tokens are refused whatever their role */
  personOnly?: boolean;
  /** the action a refused attempt is recorded under in the audit trail */
  action?: string;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // Messages are already readable here (see errorsAndLogging); this only adds field errors
    // for inline display and hides internals of unexpected failures.
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fields =
        error.code === "BAD_REQUEST" && cause instanceof ZodError
          ? zodFields(cause).fields
          : isAppError(cause)
            ? cause.details.fields
            : undefined;
      const message =
        error.code === "INTERNAL_SERVER_ERROR" && !isAppError(cause)
          ? "Something went wrong on the server"
          : shape.message;
      // A guardrail's refusal (e.g. a preset's lock) says so, beside its field.
      const guardrail =
        isAppError(cause) && typeof cause.details.guardrail === "string"
          ? cause.details.guardrail
          : undefined;
      return { ...shape, message, data: { ...shape.data, stack: undefined, fields, guardrail } };
    },
  });

const errorsAndLogging = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const ms = Math.round((performance.now() - started) * 10) / 10;
  if (result.ok) {
    ctx.log.info({ path, type, ms }, "trpc call");
    return result;
  }
  const cause = result.error.cause;
  // Input validation only: a ZodError behind an INTERNAL_SERVER_ERROR is a failed *output*
  // check — our bug, not the caller's — and must stay a server error.
  if (cause instanceof ZodError && result.error.code === "BAD_REQUEST") {
    ctx.log.info({ path, type, ms, code: "BAD_REQUEST" }, "trpc call refused: invalid input");
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Invalid input — ${zodFields(cause).summary}`,
      cause,
    });
  }
  if (isAppError(cause)) {
    ctx.log.info({ path, type, ms, code: cause.code }, "trpc call refused");
    throw new TRPCError({ code: toTrpcCode[cause.code], message: cause.message, cause });
  }
  const level = result.error.code === "INTERNAL_SERVER_ERROR" ? "error" : "info";
  ctx.log[level](
    { path, type, ms, code: result.error.code, err: level === "error" ? result.error : undefined },
    "trpc call failed",
  );
  return result;
});

// Before any schema or database: NUL bytes, lone surrogates, deep nesting and oversized
// values are refused as bad input naming the field, never reaching PostgreSQL as a 500.
const hostileInput = t.middleware(async ({ getRawInput, next }) => {
  const found = findHostileInput(await getRawInput());
  if (found)
    throw new AppError("BAD_REQUEST", `${found.path}: ${found.rule}`, {
      fields: { [found.path]: [found.rule] },
    });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure
  .meta({ scope: "public" })
  .use(errorsAndLogging)
  .use(hostileInput);

/**
 * A signed-in user or a live API token; `ctx.principal` is non-null downstream, and
 * `ctx.audit` is who acts for audited writes (scoped builders add the role it acts with).
 */
export const protectedProcedure = publicProcedure
  .meta({ scope: "signed-in", minimum: "signed-in" })
  .use(({ ctx, next }) => {
    // A refused token names why (revoked, expired, not recognised) so a script's owner knows what
    // to fix.
    if (!ctx.principal)
      throw new AppError(
        "UNAUTHORIZED",
        ctx.refusal ? `${ctx.refusal}: create a new token in Settings` : "Sign in first",
      );
    const audit: AuditContext = { actor: actorOf(ctx.principal), meta: ctx.meta };
    return next({ ctx: { ...ctx, principal: ctx.principal, audit } });
  });

export type ProtectedContext = Context & {
  principal: NonNullable<Context["principal"]>;
  audit: AuditContext;
};

/**
 * Acts of a person rather than of an organization (their own sessions, who they are): an API
 * token is refused, clearly. `ctx.user` is the signed-in user downstream.
 */
export const personProcedure = protectedProcedure
  .meta({ scope: "person", personOnly: true })
  .use(({ ctx, next }) => {
    if (ctx.principal.kind !== "user")
      throw new AppError(
        "FORBIDDEN",
        "This is for a signed-in person; an API token cannot call it",
      );
    return next({ ctx: { ...ctx, user: ctx.principal.user } });
  });
