// The exit codes a pipeline can trust, and the one place a server refusal becomes one. The
// server answers with tRPC codes (its AppError codes, server/api/trpc.ts): bad input is
// BAD_REQUEST naming the field; a preset's guardrail (a locked field, a value outside its
// narrowing, a preset not allowed in that environment) is BAD_REQUEST too but marked
// `data.guardrail`; a role too low is FORBIDDEN; a refused token UNAUTHORIZED; a deploy that
// something blocks (a production guard, a protected environment, a missing secret)
// PRECONDITION_FAILED; a stale revision or a name taken CONFLICT.

export const EXIT = {
  /** everything asked for was done */
  ok: 0,
  /** a run failed (or was aborted), or the server failed unexpectedly */
  failed: 1,
  /** usage or validation error, or a name/slug that matches nothing */
  usage: 2,
  /** refused by a guardrail, a role, or a token that may not be used */
  refused: 3,
  /** a conflict: the thing changed meanwhile, or already exists / already ended */
  conflict: 4,
} as const;

export type ExitKind = keyof typeof EXIT;

const BY_CODE: Record<string, ExitKind> = {
  BAD_REQUEST: "usage",
  PARSE_ERROR: "usage",
  NOT_FOUND: "usage",
  METHOD_NOT_SUPPORTED: "usage",
  UNPROCESSABLE_CONTENT: "usage",
  UNAUTHORIZED: "refused",
  FORBIDDEN: "refused",
  PRECONDITION_FAILED: "refused",
  CONFLICT: "conflict",
};

/** The exit kind of a server error from its tRPC code and whether a guardrail refused it. */
export function exitKindOf(code: string | undefined, guardrail?: string): ExitKind {
  if (code === "BAD_REQUEST" && guardrail) return "refused";
  return (code && BY_CODE[code]) || "failed";
}
