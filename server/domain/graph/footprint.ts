// What a batch of diagram operations touches, as keys, so a save made against an older revision
// can be rebased over the saves in between when they touched nothing of its: two people moving
// different components, or configuring different instances, both land. A key one change writes
// and another writes or relies on is a real overlap: a conflict for the later one. Rules that
// span the whole diagram (a cycle two lines make together) are not keys: the
// rebased batch is checked again against the diagram as it is now.
import type { Op } from "./ops";

export interface Footprint {
  writes: Set<string>;
  reads: Set<string>;
}

/**
 * Keys: a component's existence, position, name and version; a line, the input slot it fills and
 * its policy choice in one environment; one instance.
 */
const key = {
  component: (id: string) => `c:${id}`,
  position: (id: string) => `pos:${id}`,
  nameOf: (id: string) => `named:${id}`,
  name: (name: string) => `name:${name}`,
  version: (id: string) => `ver:${id}`,
  slot: (component: string, slot: string) => `slot:${component}:${slot}`,
  line: (id: string) => `l:${id}`,
  instance: (component: string, environment: string) => `inst:${component}:${environment}`,
  choice: (line: string, environment: string) => `lp:${line}:${environment}`,
};

/** The keys `ops` write and rely on. */
export function footprint(ops: readonly Op[]): Footprint {
  const writes = new Set<string>();
  const reads = new Set<string>();
  const write = (...keys: string[]) => {
    for (const k of keys) writes.add(k);
  };
  const read = (...keys: string[]) => {
    for (const k of keys) reads.add(k);
  };
  for (const o of ops) {
    switch (o.op) {
      case "addComponent":
        write(key.component(o.component.id), key.name(o.component.name));
        // A duplicate relies on its source; its configurations are copied as they are then.
        if (o.copyInstancesOf !== undefined) read(key.component(o.copyInstancesOf));
        break;
      case "updateComponent":
        read(key.component(o.id));
        if (o.x !== undefined || o.y !== undefined) write(key.position(o.id));
        if (o.name !== undefined) write(key.nameOf(o.id), key.name(o.name));
        if (o.version !== undefined) write(key.version(o.id));
        break;
      case "removeComponent":
        // Everything else about it relies on it existing.
        write(key.component(o.id), key.position(o.id), key.nameOf(o.id));
        break;
      case "addLink": {
        const l = o.link;
        write(key.line(l.id), key.slot(l.to, l.toSlot));
        read(key.component(l.from), key.component(l.to), key.version(l.from), key.version(l.to));
        break;
      }
      case "removeLink":
        write(key.line(o.id));
        break;
      case "setInstance":
        write(key.instance(o.component, o.environment));
        read(key.component(o.component), key.version(o.component));
        break;
      case "setLinkPolicy":
        write(key.choice(o.link, o.environment));
        read(key.line(o.link));
        break;
    }
  }
  return { writes, reads };
}

/**
 * The first key by which `mine` overlaps any of `theirs` (saves made since mine's base), or
 * null when mine can be rebased over them.
 */
export function overlap(
  mine: Footprint,
  theirs: readonly { writes: readonly string[]; reads: readonly string[] }[],
): string | null {
  for (const t of theirs) {
    for (const k of t.writes) if (mine.writes.has(k) || mine.reads.has(k)) return k;
    for (const k of t.reads) if (mine.writes.has(k)) return k;
  }
  return null;
}
