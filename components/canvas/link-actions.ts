// Drawing and removing a line, however it is asked for (a drag between handles, or the
// keyboard's Connect… menu on a slot): the same `canConnect` rule decides, a new line grants
// its type's least privileged policy, and each is one recorded change.
import { leastPrivileged } from "@/server/domain/access/policies";
import { canConnect, type GraphIndex } from "@/server/domain/graph/connect";
import type { CanvasStore } from "./store";

type Connection = Parameters<typeof canConnect>[1];

export function connect(store: CanvasStore, c: Connection): boolean {
  const s = store.getState();
  const verdict = canConnect(s.index, c);
  if (!verdict.ok || !c.sourceHandle || !c.targetHandle) return false;
  // Drawn with the least privileged policy; the link panel widens it per environment.
  const policies = leastPrivileged(s.catalog.types.get(verdict.type)?.policies ?? []);
  const from = s.diagram.components.find((x) => x.id === c.source)?.name;
  const to = s.diagram.components.find((x) => x.id === c.target)?.name;
  return s.dispatch(
    [
      {
        op: "addLink",
        link: {
          id: crypto.randomUUID(),
          from: c.source,
          fromArtifact: c.sourceHandle,
          to: c.target,
          toSlot: c.targetHandle,
          policies,
        },
      },
    ],
    { capture: "record", label: `connect ${from}.${c.sourceHandle} to ${to}.${c.targetHandle}` },
  );
}

export function disconnect(store: CanvasStore, linkId: string): boolean {
  const s = store.getState();
  const link = s.diagram.links.find((l) => l.id === linkId);
  if (!link) return false;
  const name = (id: string) => s.diagram.components.find((c) => c.id === id)?.name;
  return s.dispatch([{ op: "removeLink", id: linkId }], {
    capture: "record",
    label: `disconnect ${name(link.from)}.${link.fromArtifact} from ${name(link.to)}.${link.toSlot}`,
  });
}

export interface ConnectChoice {
  connection: Connection;
  /** "api · database" — the other end. */
  label: string;
}

/**
 * Every slot a line from (or into) this slot could go to, by the rule the drag uses: the
 * keyboard's list of compatible targets. Computed when the menu opens, never per render.
 */
export function compatibleEnds(
  index: GraphIndex,
  nodeId: string,
  slot: string,
  kind: "source" | "target",
): ConnectChoice[] {
  const out: ConnectChoice[] = [];
  for (const [id, other] of index.components) {
    if (id === nodeId) continue;
    const slots = index.slots.get(id);
    if (!slots) continue;
    const ends = kind === "source" ? slots.inputs.keys() : slots.outputs.keys();
    for (const key of ends) {
      const connection =
        kind === "source"
          ? { source: nodeId, sourceHandle: slot, target: id, targetHandle: key }
          : { source: id, sourceHandle: key, target: nodeId, targetHandle: slot };
      if (canConnect(index, connection).ok)
        out.push({ connection, label: `${other.name} · ${key}` });
    }
  }
  return out.sort((a, b) => a.label.localeCompare(b.label));
}
