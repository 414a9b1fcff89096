// What resolving components of one environment reads, loaded once whether one component or
// every component of the diagram is resolved, with the lookups the resolver repeats per component.
import type { Tx } from "../db";
import { AppError } from "../domain/errors";
import type { Diagram } from "../domain/graph/types";
import { loadCascade, loadInstancesRuntime } from "../repositories/access";
import { environmentDefaultsFor } from "../repositories/environment-defaults";
import { loadDiagram } from "../repositories/diagram";
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

/** Everything resolving a component reads, loaded once for one or every component. */
export async function loadScope(
  {
    organizationId,
    projectId,
    environmentId,
  }: { organizationId: string; projectId: string; environmentId: string },
  componentIds: ((diagram: Diagram) => string[]) | null,
  tx?: Tx,
) {
  const [stored, cascade, catalog] = await Promise.all([
    loadDiagram(projectId, tx),
    loadCascade(projectId, environmentId, tx),
    loadCatalog(organizationId, tx),
  ]);
  if (!stored || !cascade) throw new AppError("NOT_FOUND", "Project or environment not found");
  const diagram: Diagram = stored.diagram;
  const ids = componentIds ? componentIds(diagram) : diagram.components.map((c) => c.id);
  const [runtime, environmentDefaults, references] = await Promise.all([
    loadInstancesRuntime(environmentId, ids, tx),
    environmentDefaultsFor(environmentId, tx),
    // One component's resolution (its id first, then its upstreams) needs its own references only.
    referenceInputs(organizationId, environmentId, componentIds ? ids[0] : undefined, tx),
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
