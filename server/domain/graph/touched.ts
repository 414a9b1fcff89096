// Which environments a batch of diagram operations moves, so the environment history records
// only those: the diagram is shared by every environment (parity), so changing it moves them
// all; an instance's configuration and a line's policy choice are one environment's; a move
// changes no state at all.
import type { Op } from "./ops";

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
