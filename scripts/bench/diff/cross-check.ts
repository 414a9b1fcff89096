// A fast diff that is wrong is no result: before printing figures, check that ours and
// microdiff found the same param differences. microdiff reports a subtree present on one
// side once, at its root, where ours lists its leaves; so each must cover the other by
// path prefix. Masking does not matter here: paths are never masked.
import type { Difference } from "microdiff";
import type { EnvironmentDiff, Segment } from "@/server/domain/diff/types";

const key = (segments: readonly Segment[]) => segments.map(String).join("\u0000");

function covered(path: readonly Segment[], roots: ReadonlySet<string>): boolean {
  for (let n = path.length; n > 0; n--) if (roots.has(key(path.slice(0, n)))) return true;
  return false;
}

export function crossCheck(ours: EnvironmentDiff, theirs: Difference[]): void {
  const theirPaths = new Set<string>();
  for (const d of theirs) {
    if (d.path[0] === "instances" && d.path[2] === "params")
      theirPaths.add(key([d.path[1] as string, ...d.path.slice(3)]));
  }
  let checked = 0;
  // Every prefix of every path of ours: a microdiff root must be one of them.
  const ourPrefixes = new Set<string>();
  for (const c of ours.components) {
    for (const change of c.changes) {
      if (change.kind !== "param") continue;
      const path = [c.componentId, ...change.segments];
      for (let n = 2; n <= path.length; n++) ourPrefixes.add(key(path.slice(0, n)));
      if (!covered(path, theirPaths))
        throw new Error(`ours reports ${c.componentId} ${change.path}, microdiff does not`);
      checked++;
    }
  }
  for (const d of theirs) {
    if (d.path[0] !== "instances" || d.path[2] !== "params") continue;
    if (!ourPrefixes.has(key([d.path[1] as string, ...d.path.slice(3)])))
      throw new Error(`microdiff reports ${d.path.join(".")}, ours does not`);
  }
  console.log(
    `cross-check: ${checked.toLocaleString("en")} param changes of ours and ${theirPaths.size.toLocaleString("en")} of microdiff's cover each other`,
  );
}
