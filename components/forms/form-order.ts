// Field paths in the order a params form shows them. Schemas and values come back from the
// database as jsonb, which reorders object keys, so tables of fields (guardrails, a
// version's values) follow the UI schema's `ui:order` at each level instead.

function rank(path: string, ui: Record<string, unknown>): number[] {
  let level: unknown = ui;
  return path.split(".").map((key) => {
    const node = (typeof level === "object" && level !== null ? level : {}) as Record<
      string,
      unknown
    >;
    const order = Array.isArray(node["ui:order"]) ? (node["ui:order"] as unknown[]) : [];
    level = node[key];
    const at = order.indexOf(key);
    // Unlisted keys go where the order's `*` is, else after every listed one.
    return at >= 0 ? at : order.includes("*") ? order.indexOf("*") : order.length;
  });
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** `items` sorted by their dotted path's place in `ui` (stable: ties keep their order). */
export function inFormOrder<T>(
  items: readonly T[],
  path: (item: T) => string,
  ui: Record<string, unknown>,
): T[] {
  return items
    .map((item, i) => ({ item, key: [...rank(path(item), ui), i] }))
    .sort((a, b) => compare(a.key, b.key))
    .map((r) => r.item);
}
