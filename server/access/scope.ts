// What resolving components of one environment reads, loaded once whether one component or
// every component of the diagram is resolved, with the lookups the resolver repeats per component.
import { prisma, type Tx } from "../db";
import { AppError } from "../domain/errors";
import type { Diagram } from "../domain/graph/types";
import { loadCascade, loadInstancesRuntime } from "../repositories/access";
import { environmentDefaultsFor } from "../repositories/environment-defaults";
import { loadDiagram } from "../repositories/diagram";
import { readDiagramScoped } from "../repositories/diagram-parts";
import { loadCatalog } from "../rules/catalog";
import { referenceInputs } from "../references/resolve-inputs";

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The instances and policy choices resolving `componentId` reads: its own and its upstreams'
 * configuration, the choices of the lines into and out of it (its blast radius).
 */
function resolutionScope(
  structure: Pick<Diagram, "links">,
  componentId: string,
): { components: Set<string>; links: Set<string> } {
  const lines = structure.links.filter((l) => l.to === componentId || l.from === componentId);
  const upstreams = lines.filter((l) => l.to === componentId).map((l) => l.from);
  return {
    components: new Set([componentId, ...upstreams]),
    links: new Set(lines.map((l) => l.id)),
  };
}

/**
 * Everything resolving a component reads, loaded once for one (`componentId`: it and its
 * upstreams) or every component (null) of the environment: no other environment's instances.
 */
export async function loadScope(
  {
    organizationId,
    projectId,
    environmentId,
  }: { organizationId: string; projectId: string; environmentId: string },
  componentId: string | null,
  tx?: Tx,
) {
  const environments = [environmentId];
  const [stored, cascade, catalog] = await Promise.all([
    componentId
      ? readDiagramScoped(
          tx ?? prisma(),
          projectId,
          null,
          (structure) => resolutionScope(structure, componentId),
          environments,
        )
      : loadDiagram(projectId, tx, environments),
    loadCascade(projectId, environmentId, tx),
    loadCatalog(organizationId, tx),
  ]);
  if (!stored || !cascade) throw new AppError("NOT_FOUND", "Project or environment not found");
  const diagram: Diagram = stored.diagram;
  const ids = componentId
    ? [...resolutionScope(diagram, componentId).components]
    : diagram.components.map((c) => c.id);
  const [runtime, environmentDefaults, references] = await Promise.all([
    loadInstancesRuntime(environmentId, ids, tx),
    environmentDefaultsFor(environmentId, tx),
    // One component's resolution (its id first, then its upstreams) needs its own references only.
    referenceInputs(organizationId, environmentId, componentId ?? undefined, tx),
  ]);
  // Looked up once per component resolved: by id, rather than scanning the whole diagram (the
  // canvas's badges resolve every component in one call).
  const components = new Map(diagram.components.map((c) => [c.id, c]));
  const linksInto = groupBy(diagram.links, (l) => l.to);
  const presetsOf = groupBy(catalog.presets, (p) => p.bundle);
  return {
    diagram,
    cascade,
    catalog,
    runtime,
    environmentDefaults,
    references,
    environmentId,
    components,
    linksInto,
    presetsOf,
  };
}

export type Scope = Awaited<ReturnType<typeof loadScope>>;
