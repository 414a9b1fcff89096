// Whether an apply would change nothing: "deploy what changed" (`onlyChanged`, what `preview up`
// relies on to converge) skips a component whose inputs now — its snapshot plus the lines it
// serves — equal those its last succeeded apply ran with (recorded when that run started, so a
// consumer applied in the same batch as its producer holds the producer's real outputs). A run's
// inputs carry its own id (the metadata bag's `deployment_id`, and anything rendered from it),
// so each is compared with its own id set aside; key order is not compared (jsonb has its own).

export interface RunInputsOf {
  id: string;
  inputs: unknown;
}

const ID_MARK = "\u0000run\u0000";

function canonical(value: unknown, id: string): unknown {
  if (typeof value === "string") return value.replaceAll(id, ID_MARK);
  if (Array.isArray(value)) return value.map((v) => canonical(v, id));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k], id)]),
    );
  return value;
}

/** True when `next` asks for exactly what `applied` ran with. */
export function sameInputs(next: RunInputsOf, applied: RunInputsOf): boolean {
  return (
    JSON.stringify(canonical(next.inputs, next.id)) ===
    JSON.stringify(canonical(applied.inputs, applied.id))
  );
}
