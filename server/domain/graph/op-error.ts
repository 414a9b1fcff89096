// How a refused diagram operation is reported: the op's index and field in the path, so the
// canvas and API callers can point at the exact value (`ops.3.params.size`).
import { AppError } from "../errors";

export function failOp(index: number, field: string, message: string): never {
  const path = `ops.${index}.${field}`;
  throw new AppError("BAD_REQUEST", `${path}: ${message}`, {
    fields: { [path]: [message] },
    op: index,
  });
}
