// What the canvas store reads but never edits: server data owned by React Query (catalog,
// environments, instance statuses, environment defaults) and the viewer's role. The project
// canvas copies each query's data in as it changes; the store derives nodes, edges and the
// rules from it, and nothing here is ever undone or sent.
import { buildGraphIndex, type GraphIndex } from "@/server/domain/graph/connect";
import type { ApplyContext } from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";
import { presetLookup } from "@/server/domain/presets/usable";
import type { Role } from "@/server/domain/roles";
import type { CanvasEnvironment, CatalogView } from "./catalog-view";
import { buildEdges, buildNodes, type ComponentNode, type LinkEdge } from "./flow-elements";

export interface StatusRow {
  componentId: string;
  environmentId: string;
  status: string;
}

export interface CanvasInputs {
  catalog: CatalogView;
  /** The project's environments (slug and class feed the preset rules). */
  environments: readonly CanvasEnvironment[];
  readOnly: boolean;
  /**
   * The viewer's role in the project: the preset rules let only ops move an instance off a
   * preset that binds it.
   */
  role: Role;
  statuses: readonly StatusRow[];
  /**
   * The environments `statuses` was read for (null or absent: all of them). Just after a switch
   * to one not read yet, its components' status is unknown, not "draft".
   */
  statusesOf?: readonly string[] | null;
  /** The current environment's defaults: artifact type → name of the first default of it. */
  environmentDefaults: ReadonlyMap<string, string>;
  /** The current environment's remote references, as `componentId\u0000slot`. */
  references: ReadonlySet<string>;
}

/** The same rules the server applies, so a refusal shows at once (the server still decides). */
export function applyContext(inputs: CanvasInputs): ApplyContext {
  const { catalog, environments, role } = inputs;
  return {
    catalog: catalog.slots,
    environments: environments.map((e) => e.id),
    presets: presetLookup(
      catalog.presets,
      new Map(environments.map((e) => [e.id, e])),
      catalog.requireProductionPresets,
      role,
    ),
    policiesOf: (type) => catalog.types.get(type)?.policies,
  };
}

/** A component's status in an environment whose statuses are still being read. */
export const UNKNOWN_STATUS = "…";

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

interface Derived {
  index: GraphIndex;
  nodes: ComponentNode[];
  edges: LinkEdge[];
}

/**
 * Nodes and edges for `diagram`; untouched ones keep their objects from `previous`. The
 * graph index is rebuilt only when lines could fit differently (`rebuildIndex`).
 */
export function derive(
  diagram: Diagram,
  inputs: Pick<
    CanvasInputs,
    "catalog" | "statuses" | "statusesOf" | "environmentDefaults" | "references"
  >,
  environmentId: string,
  previous: Partial<Derived>,
  rebuildIndex: boolean,
): Derived {
  const index =
    rebuildIndex || !previous.index
      ? buildGraphIndex(diagram, inputs.catalog.slots)
      : { ...previous.index, components: byId(diagram.components) };
  const statuses = new Map(
    inputs.statuses
      .filter((s) => s.environmentId === environmentId)
      .map((s) => [s.componentId, s.status]),
  );
  const known = !inputs.statusesOf || inputs.statusesOf.includes(environmentId);
  return {
    index,
    nodes: buildNodes(
      diagram,
      index,
      (id) => (known ? (statuses.get(id) ?? "draft") : UNKNOWN_STATUS),
      byId(previous.nodes ?? []),
      { referenced: inputs.references, defaults: inputs.environmentDefaults },
    ),
    edges: buildEdges(diagram, index, environmentId, byId(previous.edges ?? [])),
  };
}
