// Which environments a batch of diagram operations moves, so the environment history records
// only those: the diagram is shared by every environment (parity), so changing it moves them
// all; an instance's configuration and a line's policy choice are one environment's; a move
// changes no state at all.
import type { Op } from "./ops";
import type { Diagram } from "./types";

/** The ids among `environments` whose state `ops` can change, in `environments`' order. */
export function environmentsTouched(ops: readonly Op[], environments: readonly string[]): string[] {
  const touched = new Set<string>();
  for (const o of ops) {
    switch (o.op) {
      case "setInstance":
      case "setLinkPolicy":
        touched.add(o.environment);
        break;
      case "updateComponent":
        // Positions are not part of an environment's state.
        if (o.name === undefined && o.version === undefined) break;
        return [...environments];
      default:
        return [...environments];
    }
  }
  return environments.filter((e) => touched.has(e));
}

/**
 * The components and lines whose entries in an environment's state `ops` can move, given the
 * diagram they apply to: a line's consumer too (its wired slots decide its remote references),
 * and a removed component's lines. Nothing else: no entry depends on another component's.
 */
export function entriesTouched(
  ops: readonly Op[],
  before: Diagram,
): { components: Set<string>; links: Set<string> } {
  const components = new Set<string>();
  const links = new Set<string>();
  const consumerOf = new Map(before.links.map((l) => [l.id, l.to]));
  for (const o of ops) {
    switch (o.op) {
      case "addComponent":
        components.add(o.component.id);
        // A duplicate reads its source's configuration in every environment.
        if (o.copyInstancesOf !== undefined) components.add(o.copyInstancesOf);
        break;
      case "updateComponent":
      case "removeComponent":
        components.add(o.id);
        break;
      case "addLink":
        links.add(o.link.id);
        components.add(o.link.to);
        consumerOf.set(o.link.id, o.link.to);
        break;
      case "removeLink": {
        links.add(o.id);
        const to = consumerOf.get(o.id);
        if (to) components.add(to);
        break;
      }
      case "setInstance":
        components.add(o.component);
        break;
      case "setLinkPolicy":
        links.add(o.link);
        break;
    }
  }
  // A removed component takes its lines with it, and their consumers lose a wired slot.
  const removed = new Set(ops.flatMap((o) => (o.op === "removeComponent" ? [o.id] : [])));
  for (const l of before.links) {
    if (!removed.has(l.from) && !removed.has(l.to)) continue;
    links.add(l.id);
    components.add(l.to);
  }
  return { components, links };
}
