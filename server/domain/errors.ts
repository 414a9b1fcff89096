// Domain code throws AppError and never imports tRPC; server/api/trpc.ts maps codes to
// transport errors in one place (STYLE.md #7).
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "INTERNAL";

export interface AppErrorDetails {
  /** field path → messages, for inline form errors */
  fields?: Record<string, string[]>;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === "AppError" && "code" in error;
}

/** Messages grouped by field path, in the order met: the shape of `AppErrorDetails.fields`. */
export function fieldMessages(
  problems: Iterable<{ field: string; message: string }>,
): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const { field, message } of problems) {
    const list = fields[field] ?? [];
    list.push(message);
    fields[field] = list;
  }
  return fields;
}
