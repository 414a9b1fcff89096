// How a failed save is told to the sync loop: `send` throws a SaveError saying whether to retry,
// merge, pause, or take the edit out (and, for a refusal, which op and field, and why).

/** The refused field of an op (`params.storage.size`) and why, in the server's words. */
export type RefusedField = { field?: string; reason?: string };

export type SaveFailure =
  | { kind: "conflict"; message: string }
  | ({ kind: "refused"; message: string; opIndex?: number } & RefusedField)
  | { kind: "unavailable"; message: string }
  | { kind: "unauthorized"; message: string };

/** What `send` throws; anything else thrown counts as the server being unavailable. */
export class SaveError extends Error {
  constructor(readonly failure: SaveFailure) {
    super(failure.message);
  }
}

export function failureOf(error: unknown): SaveFailure {
  if (error instanceof SaveError) return error.failure;
  return { kind: "unavailable", message: (error as Error)?.message || "no answer from the server" };
}
