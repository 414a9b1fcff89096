// Edits that need more than one operation, as pure functions of the store's state: add a
// bundle, delete a selection (with what makes it worth confirming), duplicate a selection.
import { missingRequired } from "@/server/domain/catalog/required";
import { uniqueComponentName } from "@/server/domain/graph/naming";
import type { Op } from "@/server/domain/graph/ops";
import { environmentRefusal } from "@/server/domain/presets/pin-rules";
import type { Diagram } from "@/server/domain/graph/types";
import { startingInstance } from "@/server/domain/instances/shown";
import type { BundleView, CanvasEnvironment } from "./catalog-view";
import type { CanvasState } from "./store";

const newId = () => crypto.randomUUID();

/**
 * A new component with each environment's default instance. Where no preset is allowed and
 * the organization's guardrail refuses custom values (production), the instance is left
 * unconfigured rather than refusing the whole component: ops must author a preset for it. So is
 * an instance whose starting values leave a required field unset (a partial preset): the form
 * shows the preset and the developer's values are saved once the field is filled.
 */
export function addComponentOp(
  diagram: Diagram,
  bundle: BundleView,
  position: { x: number; y: number },
  environments: readonly CanvasEnvironment[],
  requireProductionPresets = false,
): Op {
  const name = uniqueComponentName(
    bundle.name,
    diagram.components.map((c) => c.name),
  );
  const instances = environments.flatMap((env) => {
    const { config } = startingInstance(bundle.params, bundle.presets, env);
    if (missingRequired(bundle.params, config.params).length > 0) return [];
    return config.preset === null && environmentRefusal(null, env, requireProductionPresets)
      ? []
      : [[env.id, config] as const];
  });
  return {
    op: "addComponent",
    component: {
      id: newId(),
      name,
      bundle: bundle.name,
      version: bundle.version,
      x: Math.round(position.x),
      y: Math.round(position.y),
    },
    instances: Object.fromEntries(instances),
  };
}

export interface DeletePlan {
  ops: Op[];
  label: string;
  /** Reasons to ask first: incoming lines, deployed instances. Empty when none. */
  warnings: string[];
}

export function deleteSelection(
  s: Pick<CanvasState, "nodes" | "edges" | "diagram" | "statuses">,
): DeletePlan | null {
  const components = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
  const links = s.edges
    .filter((e) => e.selected && !components.has(e.source) && !components.has(e.target))
    .map((e) => e.id);
  if (components.size === 0 && links.length === 0) return null;
  const warnings: string[] = [];
  const names: string[] = [];
  for (const id of components) {
    const c = s.diagram.components.find((x) => x.id === id);
    if (!c) continue;
    names.push(c.name);
    const incoming = s.diagram.links.filter(
      (l) => l.to === id || (l.from === id && !components.has(l.to)),
    );
    if (incoming.length > 0)
      warnings.push(
        `${c.name} has ${incoming.length} line${incoming.length === 1 ? "" : "s"} that will be removed with it`,
      );
    const deployed = s.statuses.filter((st) => st.componentId === id && st.status !== "draft");
    if (deployed.length > 0)
      warnings.push(
        `${c.name} has ${deployed.length} deployed instance${deployed.length === 1 ? "" : "s"}`,
      );
  }
  const ops: Op[] = [
    ...links.map((id) => ({ op: "removeLink" as const, id })),
    ...[...components].map((id) => ({ op: "removeComponent" as const, id })),
  ];
  const label =
    names.length > 0
      ? `delete ${names.join(", ")}`
      : `delete ${links.length} line${links.length === 1 ? "" : "s"}`;
  return { ops, label, warnings };
}

/**
 * Copies of the selected components. The server copies each one's configuration in every
 * environment (`copyInstancesOf`); the environments this canvas holds are named, as shown.
 */
export function duplicateSelection(s: Pick<CanvasState, "nodes" | "diagram" | "held">): Op[] {
  const taken = s.diagram.components.map((c) => c.name);
  const ops: Op[] = [];
  for (const node of s.nodes) {
    if (!node.selected) continue;
    const c = node.data.component;
    const name = uniqueComponentName(c.name, taken);
    taken.push(name);
    const held = Object.entries(s.diagram.instances[c.id] ?? {}).filter(
      ([env]) => s.held === null || s.held.includes(env),
    );
    ops.push({
      op: "addComponent",
      component: { ...c, id: newId(), name, x: c.x + 40, y: c.y + 40 },
      instances: structuredClone(Object.fromEntries(held)),
      copyInstancesOf: c.id,
    });
  }
  return ops;
}
