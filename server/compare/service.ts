// Compare two environments of a project — each as it is now or as it was at a past moment
// (server/environment-state) — with the pure diff engine, and the diagram to draw
// once for both (what either side holds: today's components where they stand, those only the
// past held where they stood then). The answer lists only what differs (./trim.ts). Values the
// bundle or artifact type marks sensitive are masked for every reader: reading them is the
// audited reveal's job, not a comparison's. Authorization is the router's job; a query, so
// no audit event.
import { sensitivePaths } from "../domain/catalog/schema-path";
import { borrowedSlots } from "../domain/diff/borrowed";
import { diffEnvironments } from "../domain/diff/diff";
import { maskSensitive } from "../domain/diff/mask";
import type { EnvironmentSnapshot, MaskPlace, SnapshotEnvironment } from "../domain/diff/types";
import { AppError } from "../domain/errors";
import { bundleRef, type Diagram } from "../domain/graph/types";
import { loadDiagram, type StoredDiagram } from "../repositories/diagram";
import { getProject } from "../repositories/projects";
import { snapshotNow } from "../environment-state/now";
import { environmentAt, type PastEnvironment } from "../environment-state/past";
import { type Catalog, loadCatalog } from "../rules/catalog";
import { drawing } from "./drawing";
import type { CompareResultDto } from "./schemas";
import { trimDiff } from "./trim";

export interface CompareInput {
  organizationId: string;
  projectId: string;
  /** Environment ids of this project. */
  left: string;
  right: string;
  /** Read that side as it was at this moment (time travel) instead of now. */
  leftAt?: Date;
  rightAt?: Date;
}

export async function compareEnvironments({
  organizationId,
  projectId,
  left,
  right,
  leftAt,
  rightAt,
}: CompareInput): Promise<CompareResultDto> {
  // The instances of the two environments compared, not of every one: a past side reads its
  // history instead, and another project's environment ids match no row (refused below).
  const [project, stored, catalog] = await Promise.all([
    getProject(projectId),
    loadDiagram(projectId, undefined, [left, right]),
    loadCatalog(organizationId),
  ]);
  if (!project || !stored) throw new AppError("NOT_FOUND", "Project not found");
  const environmentOf = (id: string, side: "left" | "right"): SnapshotEnvironment => {
    const e = project.environments.find((x) => x.id === id);
    if (!e)
      throw new AppError("NOT_FOUND", `${side}: not an environment of this project`, {
        fields: { [side]: ["is not an environment of this project"] },
      });
    return { id: e.id, slug: e.slug, name: e.name, class: e.class };
  };
  const notices: string[] = [];
  const past: PastEnvironment[] = [];
  const side = async (
    environment: SnapshotEnvironment,
    at: Date | undefined,
  ): Promise<EnvironmentSnapshot> => {
    const then = at && (await environmentAt(environment, at));
    if (at && !then)
      notices.push(`No history is recorded for ${environment.name} yet: showing it as it is now`);
    if (!then) return snapshotNow(stored, environment, catalog);
    if (then.notice) notices.push(then.notice);
    past.push(then);
    return then.snapshot;
  };
  const leftSnapshot = await side(environmentOf(left, "left"), leftAt);
  const rightSnapshot =
    left === right && !leftAt && !rightAt
      ? leftSnapshot
      : await side(environmentOf(right, "right"), rightAt);
  const diagram = withPast(stored, past);
  const diff = diffEnvironments(leftSnapshot, rightSnapshot, {
    mask: sensitiveMask(diagram, catalog),
  });
  const borrowed = borrowedSlots(leftSnapshot, rightSnapshot);
  const drawn = drawing(diagram, leftSnapshot, rightSnapshot, catalog);
  return { diff: trimDiff(diff, drawn), diagram: drawn, borrowed, notices };
}

/**
 * Today's diagram plus the components and lines only a past side holds, drawn where they stood
 * then.
 */
function withPast(stored: StoredDiagram, past: readonly PastEnvironment[]): Diagram {
  const components = [...stored.diagram.components];
  const links = [...stored.diagram.links];
  const known = new Set([...components.map((c) => c.id), ...links.map((l) => l.id)]);
  for (const { snapshot, positions } of past) {
    for (const c of snapshot.components) {
      if (known.has(c.id)) continue;
      known.add(c.id);
      const [x, y] = positions[c.id] ?? [0, 0];
      components.push({ ...c, x, y });
    }
    for (const l of snapshot.links) {
      if (known.has(l.id)) continue;
      known.add(l.id);
      links.push(l);
    }
  }
  return { components, links, instances: {} };
}

/**
 * Hides params the bundle's schema marks `sensitive` and output fields its artifact type
 * does, over every bundle version the diagram pins (a mask place names the bundle only).
 */
function sensitiveMask(diagram: Diagram, catalog: Catalog): (place: MaskPlace) => boolean {
  const params = new Map<string, Set<string>>();
  const outputs = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, pointers: readonly string[]) => {
    if (pointers.length === 0) return;
    const set = map.get(key) ?? new Set();
    for (const p of pointers) set.add(p);
    map.set(key, set);
  };
  const refs = new Set(diagram.components.map((c) => bundleRef(c.bundle, c.version)));
  for (const ref of refs) {
    const bundle = catalog.bundles.get(ref);
    if (!bundle) continue;
    add(params, bundle.name, sensitivePaths(bundle.params));
    for (const slot of bundle.artifacts)
      add(
        outputs,
        `${bundle.name}\u0000${slot.key}`,
        catalog.types.get(slot.type)?.sensitivePaths ?? [],
      );
  }
  const list = (set: Set<string> | undefined) => (set ? [...set] : undefined);
  return maskSensitive({
    params: (bundle) => list(params.get(bundle)),
    artifacts: (bundle, slot) => list(outputs.get(`${bundle}\u0000${slot}`)),
  });
}
