"use client";
// A remote reference in the compare drawing: a dashed ghost above its borrower naming what each
// side borrows in that slot, badged same / differs / only here like a component. Both sides come
// from their snapshots, so at a past moment it shows the references as they were then.
import { Handle, type Edge, type Node, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { CompareResultDto } from "@/server/compare/schemas";
import { DiffBadge } from "./compare-node";

interface CompareGhostData extends Record<string, unknown> {
  borrower: string;
  slot: string;
  left: string | null;
  right: string | null;
  status: CompareResultDto["borrowed"][number]["status"];
}

type CompareGhost = Node<CompareGhostData, "compareGhost">;

function CompareGhostView({ data }: NodeProps<CompareGhost>) {
  const { slot, left, right, status } = data;
  const shown = status === "changed" ? `${left} → ${right}` : (right ?? left);
  return (
    <div
      data-testid="compare-ghost"
      data-slot={slot}
      data-status={status}
      className="w-56 rounded-lg border-2 border-dashed border-slate-400 bg-slate-50/80 px-3 py-2 text-xs text-slate-700"
    >
      <p className="flex items-center justify-between gap-2">
        <span className="font-mono font-semibold">borrowed · {slot}</span>
        <DiffBadge status={status} />
      </p>
      <p className="mt-0.5 [overflow-wrap:anywhere]">{shown}</p>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

export const CompareGhostMemo = memo(CompareGhostView);

/**
 * The ghosts and their dashed lines for `borrowed`, beside each borrower (staggered when one
 * component borrows several); a ghost hides with its borrower.
 */
export function ghostElements(
  borrowed: CompareResultDto["borrowed"],
  positions: ReadonlyMap<string, { x: number; y: number }>,
  visible: ReadonlySet<string>,
): { nodes: CompareGhost[]; edges: Edge[] } {
  const nodes: CompareGhost[] = [];
  const edges: Edge[] = [];
  const seen = new Map<string, number>();
  for (const b of borrowed) {
    const at = positions.get(b.componentId);
    if (!at) continue;
    const i = seen.get(b.componentId) ?? 0;
    seen.set(b.componentId, i + 1);
    const id = `ghost-${b.componentId}-${b.slot}`;
    const hidden = !visible.has(b.componentId);
    nodes.push({
      id,
      type: "compareGhost",
      position: { x: at.x + 20 + (i % 3) * 30, y: at.y - 110 - (i % 3) * 20 },
      data: {
        borrower: b.componentId,
        slot: b.slot,
        left: b.left,
        right: b.right,
        status: b.status,
      },
      hidden,
    });
    edges.push({
      id: `${id}-edge`,
      source: id,
      target: b.componentId,
      targetHandle: b.slot,
      hidden,
      style: { strokeDasharray: "6 4", stroke: "#94a3b8" },
    });
  }
  return { nodes, edges };
}
