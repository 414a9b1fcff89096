"use client";
// The diagram drawn once for both sides: read-only React Flow, components at their stored
// positions with their status badges, lines badged where their policies differ. Clicking a
// component selects it (the side panel lists its differences), so does a line's badge (its
// policies on each side); clicking the background clears.
import { Background, Controls, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useMemo, useRef } from "react";
import { ZoomVariable } from "@/components/canvas/zoom-variable";
import type { CompareResultDto } from "@/server/compare/schemas";
import { FIT, MIN_ZOOM } from "@/components/canvas/node-geometry";
import { linkBadge, type Visibility } from "./compare-model";
import {
  CompareEdgeMemo,
  OpenLineContext,
  type CompareEdge,
  type CompareEdgeData,
} from "./compare-edge";
import { CompareNodeMemo, type CompareNode, type CompareNodeData } from "./compare-node";

// Module scope: React Flow re-renders every node when these objects change identity.
const nodeTypes = { compare: CompareNodeMemo };
const edgeTypes = { compare: CompareEdgeMemo };

const sameData = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(a).every((k) => a[k] === b[k]);

/**
 * Reuses the previous object when nothing it shows changed, so React Flow re-renders only what did.
 */
function useStable<
  T extends { id: string; data?: Record<string, unknown>; hidden?: boolean; selected?: boolean },
>(items: T[]): T[] {
  const previous = useRef(new Map<string, T>());
  const out = items.map((item) => {
    const prev = previous.current.get(item.id);
    return prev &&
      prev.hidden === item.hidden &&
      prev.selected === item.selected &&
      sameData(prev.data ?? {}, item.data ?? {})
      ? prev
      : item;
  });
  previous.current = new Map(out.map((i) => [i.id, i]));
  return out;
}

export function CompareCanvas({
  result,
  shown,
  selected,
  selectedLine,
  onSelect,
  onSelectLine,
}: {
  result: CompareResultDto;
  shown: Visibility;
  selected: string | null;
  selectedLine: string | null;
  onSelect: (componentId: string | null) => void;
  onSelectLine: (linkId: string) => void;
}) {
  const { diff, diagram } = result;
  const byComponent = useMemo(
    () => new Map(diff.components.map((c) => [c.componentId, c])),
    [diff],
  );
  const names = useMemo(() => new Map(diagram.components.map((c) => [c.id, c.name])), [diagram]);
  // Slots keep the editor's order (inputs, then outputs), so handles land where they do there.
  // Built once per result: node data is compared field by field, so these must keep their identity.
  const slots = useMemo(
    () =>
      new Map(
        diagram.components.map((c) => [
          c.id,
          [
            ...c.inputs.map((s) => ({ key: s.key, color: s.color, kind: "target" as const })),
            ...c.outputs.map((s) => ({ key: s.key, color: s.color, kind: "source" as const })),
          ],
        ]),
      ),
    [diagram],
  );

  const nodes = useStable<CompareNode>(
    diagram.components.map((c) => {
      const d = byComponent.get(c.id);
      const data: CompareNodeData = {
        name: c.name,
        bundle: c.bundle,
        version: c.version,
        icon: c.icon,
        status: d?.status ?? "same",
        changes: d?.changes.length ?? 0,
        matching: shown.matching.has(c.id),
        slots: slots.get(c.id)!,
      };
      return {
        id: c.id,
        type: "compare",
        position: { x: c.x, y: c.y },
        data,
        hidden: !shown.components.has(c.id),
        selected: c.id === selected,
      };
    }),
  );
  const differences = useMemo(() => new Map(diff.links.map((l) => [l.linkId, l])), [diff]);
  const edges = useStable<CompareEdge>(
    diagram.links.map((l) => {
      const difference = differences.get(l.id);
      const status = difference?.status ?? "same";
      const title = `${names.get(l.from) ?? l.from}.${l.fromArtifact} → ${names.get(l.to) ?? l.to}.${l.toSlot}`;
      const data: CompareEdgeData = {
        color: l.color,
        status,
        badge: difference ? linkBadge(difference) : null,
        title,
      };
      return {
        id: l.id,
        type: "compare",
        source: l.from,
        sourceHandle: l.fromArtifact,
        target: l.to,
        targetHandle: l.toSlot,
        data,
        hidden: !shown.links.has(l.id),
        selected: l.id === selectedLine,
      };
    }),
  );

  return (
    <div className="h-full w-full" data-testid="compare-canvas">
      <ReactFlowProvider>
        <OpenLineContext value={onSelectLine}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            onNodeClick={(_, node) => onSelect(node.id === selected ? null : node.id)}
            onPaneClick={() => onSelect(null)}
            minZoom={MIN_ZOOM}
            fitView
            fitViewOptions={FIT}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
            <ZoomVariable />
          </ReactFlow>
        </OpenLineContext>
      </ReactFlowProvider>
    </div>
  );
}
