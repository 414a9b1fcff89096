// Compare two environments of a project as they are now: one snapshot each (snapshot-now.ts),
// the pure diff engine between them, and the diagram to draw once for both. Values the
// bundle or artifact type marks sensitive are masked for every reader: reading them is the
// audited reveal's job, not a comparison's. Authorization is the router's job; a query, so
// no audit event.
import type { ArtifactTypeDefinition, BundleDefinition } from "../domain/catalog/types";
import { sensitivePaths } from "../domain/catalog/schema-path";
import { diffEnvironments } from "../domain/diff/diff";
import { maskSensitive } from "../domain/diff/mask";
import type { MaskPlace, SnapshotEnvironment } from "../domain/diff/types";
import { AppError } from "../domain/errors";
import { bundleRef, type Diagram } from "../domain/graph/types";
import { organizationPresets } from "../presets/usable";
import { listArtifactTypes } from "../repositories/catalog";
import { listBundleVersionDefinitions, loadDiagram } from "../repositories/diagram";
import { getProject } from "../repositories/projects";
import type { CompareDiagramDto, CompareResultDto } from "./schemas";
import { snapshotNow, type SnapshotCatalog } from "./snapshot-now";

export interface CompareInput {
  organizationId: string;
  projectId: string;
  /** Environment ids of this project. */
  left: string;
  right: string;
}

const GREY = "#64748b";

export async function compareEnvironments({ organizationId, projectId, left, right }: CompareInput): Promise<CompareResultDto> {
  const [project, stored, definitions, types, presets] = await Promise.all([
    getProject(projectId),
    loadDiagram(projectId),
    listBundleVersionDefinitions(),
    listArtifactTypes(),
    organizationPresets(organizationId),
  ]);
  if (!project || !stored) throw new AppError("NOT_FOUND", "Project not found");
  const environmentOf = (id: string, side: "left" | "right"): SnapshotEnvironment => {
    const e = project.environments.find((x) => x.id === id);
    if (!e) throw new AppError("NOT_FOUND", `${side}: not an environment of this project`, { fields: { [side]: ["is not an environment of this project"] } });
    return { id: e.id, slug: e.slug, name: e.name, class: e.class };
  };
  const [leftEnv, rightEnv] = [environmentOf(left, "left"), environmentOf(right, "right")];
  const catalog: SnapshotCatalog = {
    bundles: new Map(definitions.map((d) => [bundleRef(d.name, d.version), d])),
    types: new Map(types.map((t) => [t.name, t])),
    presets,
  };
  const leftSnapshot = await snapshotNow(stored, leftEnv, catalog);
  const rightSnapshot = left === right ? leftSnapshot : await snapshotNow(stored, rightEnv, catalog);
  const diff = diffEnvironments(leftSnapshot, rightSnapshot, { mask: sensitiveMask(stored.diagram, catalog) });
  return { diff, diagram: drawing(stored.diagram, catalog) };
}

/**
 * Hides params the bundle's schema marks `sensitive` and output fields its artifact type
 * does, over every bundle version the diagram pins (a mask place names the bundle only).
 */
function sensitiveMask(diagram: Diagram, catalog: SnapshotCatalog): (place: MaskPlace) => boolean {
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
    for (const slot of bundle.artifacts) add(outputs, `${bundle.name}\u0000${slot.key}`, catalog.types.get(slot.type)?.sensitivePaths ?? []);
  }
  const list = (set: Set<string> | undefined) => (set ? [...set] : undefined);
  return maskSensitive({ params: (bundle) => list(params.get(bundle)), artifacts: (bundle, slot) => list(outputs.get(`${bundle}\u0000${slot}`)) });
}

function slots(list: readonly { key: string; type: string }[] | undefined, types: ReadonlyMap<string, ArtifactTypeDefinition>) {
  return (list ?? []).map((s) => ({ key: s.key, type: s.type, color: types.get(s.type)?.color ?? GREY }));
}

/** What the compare view draws: every component at its stored position with its slots, every line with its type's colour. */
function drawing(diagram: Diagram, catalog: SnapshotCatalog): CompareDiagramDto {
  const byId = new Map(diagram.components.map((c) => [c.id, c]));
  const bundleOf = (id: string): BundleDefinition | undefined => {
    const c = byId.get(id);
    return c && catalog.bundles.get(bundleRef(c.bundle, c.version));
  };
  return {
    components: diagram.components.map((c) => {
      const bundle = bundleOf(c.id);
      return { id: c.id, name: c.name, bundle: c.bundle, version: c.version, x: c.x, y: c.y, icon: bundle?.icon ?? "box", inputs: slots(bundle?.connections, catalog.types), outputs: slots(bundle?.artifacts, catalog.types) };
    }),
    links: diagram.links.map((l) => {
      const type = bundleOf(l.from)?.artifacts.find((a) => a.key === l.fromArtifact)?.type ?? "unknown";
      return { id: l.id, from: l.from, fromArtifact: l.fromArtifact, to: l.to, toSlot: l.toSlot, type, color: catalog.types.get(type)?.color ?? GREY };
    }),
  };
}
