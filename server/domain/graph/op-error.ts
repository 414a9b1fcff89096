// How a refused diagram operation is reported: the op's index and field in the path, so the
// canvas and API callers can point at the exact value (`ops.3.params.size`).
import { AppError } from "../errors";

/**
 * `guardrail` names the rule family when the value is refused by a guardrail (a preset's lock or
 * narrowing, where it may be used) rather than by its shape: clients tell the two apart (the
 * command line exits 3 for a guardrail, 2 for bad input).
 */
export function failOp(index: number, field: string, message: string, guardrail?: "preset"): never {
  const path = `ops.${index}.${field}`;
  throw new AppError("BAD_REQUEST", `${path}: ${message}`, {
    fields: { [path]: [message] },
    op: index,
    ...(guardrail ? { guardrail } : {}),
  });
}
