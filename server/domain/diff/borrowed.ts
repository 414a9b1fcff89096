// The remote references of both sides of a comparison, slot by slot: what the compare canvas
// draws as ghost nodes, so a past moment shows the references as they were then (its snapshot
// comes from history like the rest). A slot filled by an environment default is not one: its
// snapshot entry has no `publication:`/`imported:` id.
import type { DiffStatus, EnvironmentSnapshot, RemoteReference } from "./types";

export interface BorrowedSlot {
  componentId: string;
  slot: string;
  /** How each side names what it borrows there; null when that side borrows nothing. */
  left: string | null;
  right: string | null;
  status: DiffStatus;
}

const isReference = (r: RemoteReference | undefined): r is RemoteReference =>
  !!r && /^(publication|imported):/.test(r.artifactId);

/** Every slot either side fills with a remote reference, in component then slot order. */
export function borrowedSlots(
  left: EnvironmentSnapshot,
  right: EnvironmentSnapshot,
): BorrowedSlot[] {
  const out: BorrowedSlot[] = [];
  const ids = [
    ...new Set([...Object.keys(left.instances), ...Object.keys(right.instances)]),
  ].sort();
  for (const componentId of ids) {
    const l = left.instances[componentId]?.remoteReferences ?? {};
    const r = right.instances[componentId]?.remoteReferences ?? {};
    for (const slot of [...new Set([...Object.keys(l), ...Object.keys(r)])].sort()) {
      const a = isReference(l[slot]) ? l[slot] : undefined;
      const b = isReference(r[slot]) ? r[slot] : undefined;
      if (!a && !b) continue;
      const status: DiffStatus = !a
        ? "added"
        : !b
          ? "removed"
          : a.artifactId === b.artifactId
            ? "same"
            : "changed";
      const label = (x: RemoteReference | undefined) => (x ? (x.label ?? x.artifactId) : null);
      out.push({ componentId, slot, left: label(a), right: label(b), status });
    }
  }
  return out;
}
