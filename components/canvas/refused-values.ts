// Values the server refused, kept by form (`component/environment`) so the inspector can leave
// them in their fields, marked "Not saved" beside the field the server named, until the user
// edits or reverts them. The diagram itself is back to what is saved.
import type { Op } from "@/server/domain/graph/ops";

export interface RefusedValue {
  /** The params the refused edit would have saved: what the form keeps showing. */
  params: Record<string, unknown>;
  /** The refused param's dotted path, or null when the refusal is about the whole instance. */
  path: string | null;
  reason: string;
}

/** The form an instance write belongs to in the inspector. */
export const formKey = (component: string, environment: string) => `${component}/${environment}`;

/** The entry a refused op leaves for its form, or null when it is not an instance write. */
export function refusedEntry(
  refused: { op: Op; field?: string; reason?: string },
  message: string,
): [string, RefusedValue] | null {
  const { op } = refused;
  if (op.op !== "setInstance") return null;
  const field = refused.field ?? "";
  return [
    formKey(op.component, op.environment),
    {
      params: op.config.params,
      path: field.startsWith("params.") ? field.slice("params.".length) : null,
      reason: refused.reason ?? message,
    },
  ];
}

/** `map` without `key` (the same map when it has none, so subscribers do not re-render). */
export function without<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
