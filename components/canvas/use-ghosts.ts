"use client";
// Ghost nodes and dashed edges for the current environment's remote references, beside the
// borrowing component. Server data (React Query), never part of the editable diagram.
import { useQuery } from "@tanstack/react-query";
import type { Edge } from "@xyflow/react";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc";
import { useCanvas } from "./canvas-context";
import type { GhostNode } from "./ghost-node";
import { ghostStatus } from "./ghost-status";

export function useGhosts(): { nodes: GhostNode[]; edges: Edge[] } {
  const trpc = useTRPC();
  const environmentId = useCanvas((s) => s.environmentId);
  const components = useCanvas((s) => s.diagram.components);
  // Refetched when a reference changes (the inspector invalidates every query then).
  const { data } = useQuery(trpc.reference.list.queryOptions({ environmentId }));
  return useMemo(() => {
    const nodes: GhostNode[] = [];
    const edges: Edge[] = [];
    const seen = new Map<string, number>();
    const now = new Date();
    for (const r of data ?? []) {
      const i = seen.get(r.componentId) ?? 0;
      seen.set(r.componentId, i + 1);
      const borrower = components.find((c) => c.id === r.componentId);
      if (!borrower) continue;
      const p = r.publication;
      const id = `ghost-${r.id}`;
      nodes.push({
        id,
        type: "ghost",
        // Just above its borrower, staggered when one component borrows several.
        position: { x: borrower.x + 20 + (i % 3) * 30, y: borrower.y - 124 - (i % 3) * 20 },
        // Not selectable nor draggable: React Flow would drop its pointer events, and it opens
        // the owner when clicked.
        style: { pointerEvents: "all" },
        // Fixed size: the store never applies a ghost's measurement, so it is given one.
        // (four lines: name, owner and type wrapping, whether it exists).
        width: 224,
        height: 104,
        measured: { width: 224, height: 104 },
        draggable: false,
        selectable: false,
        deletable: false,
        connectable: false,
        data: {
          label: p ? `${p.component}.${p.artifact}` : (r.imported?.name ?? "missing"),
          project: p?.project ?? null,
          environment: p?.environment ?? null,
          type: p?.type ?? r.imported?.type ?? "unknown",
          ...ghostStatus(r.availability, now),
        },
      });
      edges.push({
        id: `ghost-edge-${r.id}`,
        source: id,
        target: r.componentId,
        targetHandle: r.slot,
        selectable: false,
        deletable: false,
        style: { strokeDasharray: "6 4", stroke: "#94a3b8" },
      });
    }
    return { nodes, edges };
  }, [data, components]);
}
