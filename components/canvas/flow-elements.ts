// Diagram → React Flow nodes and edges. Untouched components and lines keep their node and
// edge objects (React Flow re-renders only what changed identity), so an edit to one
// component costs one node render, not 500.
import type { Edge, Node } from "@xyflow/react";
import {
  brokenReason,
  missingInputs,
  type GraphIndex,
  type SlotFills,
} from "@/server/domain/graph/connect";
import {
  linkPoliciesIn,
  type Diagram,
  type DiagramComponent,
  type DiagramLink,
} from "@/server/domain/graph/types";
import { NODE_WIDTH, nodeHeight, slotHandles } from "./node-geometry";

interface ComponentNodeData extends Record<string, unknown> {
  component: DiagramComponent;
  /**
   * Required input slots nothing fills (no reference, line or environment default),
   * comma-joined (a string keeps equality cheap).
   */
  missing: string;
  status: string;
}

interface LinkEdgeData extends Record<string, unknown> {
  link: DiagramLink;
  type: string;
  broken: string | null;
  /** Policies the link grants in the current environment, comma-joined (cheap to compare). */
  policies: string;
}

export type ComponentNode = Node<ComponentNodeData, "component">;
export type LinkEdge = Edge<LinkEdgeData, "link">;

export function buildNodes(
  diagram: Diagram,
  index: GraphIndex,
  statusOf: (componentId: string) => string,
  previous: ReadonlyMap<string, ComponentNode>,
  fills: SlotFills = {},
): ComponentNode[] {
  return diagram.components.map((component) => {
    const missing = missingInputs(index, component, fills)
      .map((s) => s.key)
      .join(",");
    const status = statusOf(component.id);
    const prev = previous.get(component.id);
    if (
      prev &&
      prev.data.component === component &&
      prev.data.missing === missing &&
      prev.data.status === status
    )
      return prev;
    const slots = index.slots.get(component.id);
    return {
      id: component.id,
      type: "component",
      position: { x: component.x, y: component.y },
      // Declared, so lines are drawn from the fixed geometry, not from measured handle boxes.
      handles: slotHandles(slots?.inputs.keys() ?? [], slots?.outputs.keys() ?? []),
      data: { component, missing, status },
      selected: prev?.selected ?? false,
      // The size the node draws at (the fixed geometry; only a "Needs a line" footer adds to
      // it), known before it is measured. React Flow then finds nothing to update when it
      // measures: it does not re-read every handle from the DOM (at a zoom of 0.16 that moved
      // each line end by a thousandth of a pixel) and hand back a size change, and a large
      // diagram's 800 lines are drawn once on load instead of three times.
      measured: prev?.measured ?? {
        width: NODE_WIDTH,
        height: nodeHeight((slots?.inputs.size ?? 0) + (slots?.outputs.size ?? 0)),
      },
    };
  });
}

export function buildEdges(
  diagram: Diagram,
  index: GraphIndex,
  environmentId: string,
  previous: ReadonlyMap<string, LinkEdge>,
): LinkEdge[] {
  return diagram.links.map((link) => {
    const broken = brokenReason(index, link);
    const policies = linkPoliciesIn(link, environmentId).join(", ");
    const prev = previous.get(link.id);
    if (
      prev &&
      prev.data!.link === link &&
      prev.data!.broken === broken &&
      prev.data!.policies === policies
    )
      return prev;
    const type = index.slots.get(link.from)?.outputs.get(link.fromArtifact)?.type ?? "unknown";
    return {
      id: link.id,
      type: "link",
      source: link.from,
      sourceHandle: link.fromArtifact,
      target: link.to,
      targetHandle: link.toSlot,
      data: { link, type, broken, policies },
      selected: prev?.selected ?? false,
    };
  });
}
