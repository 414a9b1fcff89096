"use client";
// The diagram drawn once for both sides: read-only React Flow, components at their stored
// positions with their status badges, lines badged where their policies differ. Clicking a
// component selects it (the side panel lists its differences), so does a line's badge (its
// policies on each side); clicking the background clears.
import { Background, Controls, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useMemo, useRef } from "react";
import { ZoomVariable } from "@/components/canvas/zoom-variable";
import { bundleRef } from "@/server/domain/graph/types";
import { FIT, MIN_ZOOM } from "@/components/canvas/node-geometry";
import { linkBadge, type Visibility } from "./compare-model";
import type { CompareRead } from "./compare-read";
import {
  CompareEdgeMemo,
  OpenLineContext,
  type CompareEdge,
  type CompareEdgeData,
} from "./compare-edge";
import { CompareGhostMemo, ghostElements } from "./compare-ghost";
import { CompareNodeMemo, type CompareNode, type CompareNodeData } from "./compare-node";

// Module scope: React Flow re-renders every node when these objects change identity.
const nodeTypes = { compare: CompareNodeMemo, compareGhost: CompareGhostMemo };
const edgeTypes = { compare: CompareEdgeMemo };
const NO_SLOTS: CompareNodeData["slots"] = [];

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
  read,
  shown,
  selected,
  selectedLine,
  onSelect,
  onSelectLine,
}: {
  read: CompareRead;
  shown: Visibility;
  selected: string | null;
  selectedLine: string | null;
  onSelect: (componentId: string | null) => void;
  onSelectLine: (linkId: string) => void;
}) {
  const { result } = read;
  const { diagram } = result;
  const names = useMemo(() => new Map(diagram.components.map((c) => [c.id, c.name])), [diagram]);
  // Slots keep the editor's order (inputs, then outputs), so handles land where they do there.
  // Built once per bundle version and result: node data is compared field by field, so these
  // must keep their identity.
  const slots = useMemo(
    () =>
      new Map(
        Object.entries(diagram.bundles).map(([ref, b]) => [
          ref,
          [
            ...b.inputs.map((s) => ({ key: s.key, color: s.color, kind: "target" as const })),
            ...b.outputs.map((s) => ({ key: s.key, color: s.color, kind: "source" as const })),
          ],
        ]),
      ),
    [diagram],
  );

  const nodes = useStable<CompareNode>(
    diagram.components.map((c) => {
      const d = read.component(c.id);
      const data: CompareNodeData = {
        name: c.name,
        bundle: c.bundle,
        version: c.version,
        icon: read.bundle(c).icon,
        status: d?.status ?? "same",
        changes: d?.changes.length ?? 0,
        matching: shown.matching.has(c.id),
        slots: slots.get(bundleRef(c.bundle, c.version)) ?? NO_SLOTS,
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
  const edges = useStable<CompareEdge>(
    diagram.links.map((l) => {
      const difference = read.link(l.id);
      const status = difference?.status ?? "same";
      const title = `${names.get(l.from) ?? l.from}.${l.fromArtifact} → ${names.get(l.to) ?? l.to}.${l.toSlot}`;
      const data: CompareEdgeData = {
        color: read.lineColor(l),
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

  // Remote references of either side, as ghosts (server data, rebuilt with the result).
  const ghosts = useMemo(
    () =>
      ghostElements(
        result.borrowed,
        new Map(diagram.components.map((c) => [c.id, { x: c.x, y: c.y }])),
        shown.components,
      ),
    [result.borrowed, diagram, shown.components],
  );
  const allNodes = useMemo(() => [...nodes, ...ghosts.nodes], [nodes, ghosts.nodes]);
  const allEdges = useMemo(() => [...edges, ...ghosts.edges], [edges, ghosts.edges]);

  return (
    <div className="h-full w-full" data-testid="compare-canvas">
      <ReactFlowProvider>
        <OpenLineContext value={onSelectLine}>
          <ReactFlow
            nodes={allNodes}
            edges={allEdges as CompareEdge[]}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            onNodeClick={(_, node) => {
              // A ghost selects its borrower, whose panel lists the reference's difference.
              const id = node.type === "compareGhost" ? (node.data.borrower as string) : node.id;
              onSelect(id === selected ? null : id);
            }}
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
