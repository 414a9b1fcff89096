// `canConnect`: the one rule deciding whether a line may be drawn. React Flow calls it on
// every pointer move while a line is dragged (`isValidConnection`), and the server calls it
// again for every line any client sends. Each answer is a handful of Map lookups: the index
// is built once per diagram change, and the ancestors of a line's source (for the cycle
// rule) are computed once per source and cached, so a drag costs O(1) per pointer move.
import type { ConnectionSlot } from "../catalog/types";
import {
  bundleRef,
  type BundleSlots,
  type DiagramComponent,
  type DiagramLink,
  type SlotCatalog,
} from "./types";

export interface Connection {
  source: string;
  sourceHandle: string | null | undefined;
  target: string;
  targetHandle: string | null | undefined;
}

type RefusalCode =
  | "unknown-component"
  | "unknown-slot"
  | "same-component"
  | "type-mismatch"
  | "slot-taken"
  | "cycle";

export type Verdict = { ok: true; type: string } | { ok: false; code: RefusalCode; reason: string };

export interface GraphIndex {
  readonly catalog: SlotCatalog;
  readonly components: ReadonlyMap<string, DiagramComponent>;
  /** componentId → its bundle version's slots, resolved once (no key building per check). */
  readonly slots: ReadonlyMap<string, BundleSlots | undefined>;
  /** componentId → input slot → the link occupying it. */
  readonly occupied: ReadonlyMap<string, ReadonlyMap<string, DiagramLink>>;
  /** componentId → ids of the components it consumes from (its direct upstreams). */
  readonly upstream: ReadonlyMap<string, readonly string[]>;
  /** Lazily filled: componentId → every component it transitively consumes from, and itself. */
  readonly ancestors: Map<string, ReadonlySet<string>>;
}

export function buildGraphIndex(
  diagram: { components: DiagramComponent[]; links: DiagramLink[] },
  catalog: SlotCatalog,
): GraphIndex {
  const components = new Map(diagram.components.map((c) => [c.id, c]));
  const slots = new Map(
    diagram.components.map((c) => [c.id, catalog.bundles.get(bundleRef(c.bundle, c.version))]),
  );
  const occupied = new Map<string, Map<string, DiagramLink>>();
  const upstream = new Map<string, string[]>();
  for (const link of diagram.links) {
    const taken = occupied.get(link.to);
    if (taken) taken.set(link.toSlot, link);
    else occupied.set(link.to, new Map([[link.toSlot, link]]));
    const list = upstream.get(link.to);
    if (list) list.push(link.from);
    else upstream.set(link.to, [link.from]);
  }
  return { catalog, components, slots, occupied, upstream, ancestors: new Map() };
}

function ancestorsOf(index: GraphIndex, id: string): ReadonlySet<string> {
  const cached = index.ancestors.get(id);
  if (cached) return cached;
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    for (const up of index.upstream.get(stack.pop()!) ?? []) {
      if (!seen.has(up)) {
        seen.add(up);
        stack.push(up);
      }
    }
  }
  index.ancestors.set(id, seen);
  return seen;
}

function refuse(code: RefusalCode, reason: string): Verdict {
  return { ok: false, code, reason };
}

/**
 * May a line go from `source`'s output `sourceHandle` to `target`'s input `targetHandle`?
 * Lines flow producer → consumer; a consumer's slot takes one line; the graph stays acyclic.
 * `ignoreLink` lets an existing line be re-checked (or moved) without counting itself.
 */
export function canConnect(index: GraphIndex, c: Connection, ignoreLink?: string): Verdict {
  const verdict = slotVerdict(index, c, ignoreLink);
  if (!verdict.ok) return verdict;
  // A line from → to closes a cycle exactly when `to` already feeds `from`.
  if (ancestorsOf(index, c.source).has(c.target)) {
    const name = (id: string) => index.components.get(id)?.name ?? id;
    return refuse(
      "cycle",
      `would create a cycle: ${name(c.target)} already feeds ${name(c.source)}`,
    );
  }
  return verdict;
}

/** Every rule but the cycle one: the components, slots, types and the slot's one line. */
function slotVerdict(index: GraphIndex, c: Connection, ignoreLink?: string): Verdict {
  const from = index.components.get(c.source);
  const to = index.components.get(c.target);
  if (!from || !to) return refuse("unknown-component", "that component is not on this diagram");
  const fromSlots = index.slots.get(from.id);
  const toSlots = index.slots.get(to.id);
  const output = c.sourceHandle ? fromSlots?.outputs.get(c.sourceHandle) : undefined;
  const input = c.targetHandle ? toSlots?.inputs.get(c.targetHandle) : undefined;
  if (!output)
    return refuse("unknown-slot", `${from.name} has no output "${c.sourceHandle ?? ""}"`);
  if (!input) return refuse("unknown-slot", `${to.name} has no input "${c.targetHandle ?? ""}"`);
  if (from.id === to.id)
    return refuse("same-component", "a component cannot consume its own output");
  if (output.type !== input.type) {
    return refuse(
      "type-mismatch",
      `type mismatch: ${to.name}.${input.key} takes ${input.type}, ${from.name}.${output.key} produces ${output.type}`,
    );
  }
  const taken = index.occupied.get(to.id)?.get(input.key);
  if (taken && taken.id !== ignoreLink) {
    const producer = index.components.get(taken.from)?.name ?? "another component";
    return refuse(
      "slot-taken",
      `slot already taken: ${to.name}.${input.key} is connected to ${producer}`,
    );
  }
  return { ok: true, type: output.type };
}

/** A line being drawn may start at either end; this puts the producer first. */
export function orient(
  from: { nodeId: string; id?: string | null; type: "source" | "target" },
  to: { nodeId: string; id?: string | null },
): Connection {
  return from.type === "source"
    ? { source: from.nodeId, sourceHandle: from.id, target: to.nodeId, targetHandle: to.id }
    : { source: to.nodeId, sourceHandle: to.id, target: from.nodeId, targetHandle: from.id };
}

/** Why a saved line no longer type-checks against its components' bundle versions, or null. */
export function brokenReason(index: GraphIndex, link: DiagramLink): string | null {
  // A saved line is its own ancestor edge, so the cycle rule does not apply to it (and
  // skipping it spares walking every component's ancestors when a large diagram loads).
  const verdict = slotVerdict(
    index,
    {
      source: link.from,
      sourceHandle: link.fromArtifact,
      target: link.to,
      targetHandle: link.toSlot,
    },
    link.id,
  );
  return verdict.ok ? null : verdict.reason;
}

/** What fills an input slot in one environment besides a line (the resolver's precedence). */
export interface SlotFills {
  /** `componentId\u0000slot` of every slot holding a remote reference (wins over a line). */
  referenced?: ReadonlySet<string>;
  /** Artifact types the environment has a default of (fills a slot without a line). */
  defaults?: ReadonlySet<string> | ReadonlyMap<string, unknown>;
}

/**
 * Required link-type input slots of `component` that nothing fills: no remote reference, no
 * line, no environment default of its type — the resolver's precedence, so the canvas never
 * marks as missing what a deployment would receive.
 */
export function missingInputs(
  index: GraphIndex,
  component: DiagramComponent,
  fills: SlotFills = {},
): ConnectionSlot[] {
  const slots = index.slots.get(component.id);
  if (!slots) return [];
  const taken = index.occupied.get(component.id);
  return [...slots.inputs.values()].filter(
    (s) =>
      s.required &&
      !index.catalog.environmentTypes.has(s.type) &&
      !fills.referenced?.has(`${component.id}\u0000${s.key}`) &&
      !taken?.has(s.key) &&
      !fills.defaults?.has(s.type),
  );
}
