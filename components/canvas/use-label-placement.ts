"use client";
// Places every line's label (./label-placement.ts) from where components are drawn now,
// including mid-drag, and publishes the result in the connection channel: a line reads only
// its own label's centre, so a move re-renders the lines whose labels moved, nothing else.
import { useStore } from "@xyflow/react";
import { useEffect, useMemo } from "react";
import { leastPrivileged } from "@/server/domain/access/policies";
import { useCanvas, useCanvasStore } from "./canvas-context";
import type { CatalogView } from "./catalog-view";
import type { ComponentNode, LinkEdge } from "./flow-elements";
import { type Box, type LabelRequest, labelSize, placeLabels } from "./label-placement";
import { HANDLE, handleTop, NODE_WIDTH, nodeHeight, readableSelector } from "./node-geometry";

/** What a line's label says; the placement sizes it from the same text. */
export function linkLabelText(data: LinkEdge["data"], types: CatalogView["types"]): string {
  if (data?.broken) return `broken: ${data.broken}`;
  // A line drawn without a choice grants its type's least privileged policy: say which.
  const policies =
    data?.policies || leastPrivileged(types.get(data?.type ?? "")?.policies ?? []).join(", ") || "";
  return `${data?.type}${policies ? ` · ${policies}` : ""}`;
}

const BADGES = 20;
const NO_LABELS: ReadonlyMap<string, { x: number; y: number }> = new Map();

export function useLabelPlacement(nodes: readonly ComponentNode[], edges: readonly LinkEdge[]) {
  const store = useCanvasStore();
  const types = useCanvas((s) => s.catalog.types);
  const index = useCanvas((s) => s.index);
  // Zoomed out past reading, labels are not drawn (./link-edge.tsx): nothing to place.
  const readable = useStore(readableSelector);
  const placed = useMemo(() => {
    if (!readable) return NO_LABELS;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const obstacles: Box[] = [];
    for (const n of nodes) {
      const slots = index.slots.get(n.id);
      const count = (slots?.inputs.size ?? 0) + (slots?.outputs.size ?? 0);
      // The badge strip sits just above a component (./node-badges.tsx): keep it clear too.
      obstacles.push({
        x: n.position.x,
        y: n.position.y - BADGES,
        width: n.measured?.width ?? NODE_WIDTH,
        height: (n.measured?.height ?? nodeHeight(count)) + BADGES,
      });
    }
    const requests: LabelRequest[] = [];
    for (const e of edges) {
      const a = byId.get(e.source);
      const b = byId.get(e.target);
      const from = index.slots.get(e.source);
      const to = index.slots.get(e.target);
      if (!a || !b || !from || !to) continue;
      // Outputs are drawn after the inputs: their row index counts the inputs first.
      const out = from.inputs.size + [...from.outputs.keys()].indexOf(e.sourceHandle ?? "");
      const inn = [...to.inputs.keys()].indexOf(e.targetHandle ?? "");
      if (out < from.inputs.size || inn < 0) continue;
      requests.push({
        id: e.id,
        from: {
          x: a.position.x + (a.measured?.width ?? NODE_WIDTH) + HANDLE / 2,
          y: a.position.y + handleTop(out),
        },
        to: { x: b.position.x - HANDLE / 2, y: b.position.y + handleTop(inn) },
        ...labelSize(linkLabelText(e.data, types)),
      });
    }
    return placeLabels(requests, obstacles, store.getState().channel.getState().labels);
  }, [nodes, edges, index, types, store, readable]);
  useEffect(() => store.getState().channel.setState({ labels: placed }), [store, placed]);
}
