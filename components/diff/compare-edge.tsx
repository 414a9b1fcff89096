"use client";
// A line in the compare drawing, in its type's colour; when what it grants differs between
// the two sides it is drawn thicker with a badge "read-only → read-write" on its midpoint.
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  type Edge,
  type EdgeProps,
} from "@xyflow/react";
import { memo } from "react";
import type { DiffStatus } from "@/server/domain/diff/types";
import { BADGE_STYLE } from "./compare-node";

export interface CompareEdgeData extends Record<string, unknown> {
  color: string;
  status: DiffStatus;
  /** What differs ("read-only → read-write"), or null when the line is the same on both sides. */
  badge: string | null;
  /** Where the line runs, for its accessible name: "orders-db.database → api.database". */
  title: string;
}

export type CompareEdge = Edge<CompareEdgeData, "compare">;

function CompareEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
}: EdgeProps<CompareEdge>) {
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const differs = data && data.status !== "same";
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{
          stroke: data?.color ?? "#64748b",
          strokeWidth: differs ? 4 : 2,
          strokeDasharray:
            data?.status === "added" || data?.status === "removed" ? "6 4" : undefined,
        }}
      />
      {differs && data.badge ? (
        <EdgeLabelRenderer>
          <div
            className={`nodrag nopan pointer-events-auto absolute rounded px-1.5 py-0.5 text-[11px] font-medium shadow-sm ring-1 ring-inset ${BADGE_STYLE[data.status]}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="line-diff-badge"
            data-status={data.status}
            title={`${data.title}: ${data.badge}`}
          >
            {data.badge}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const CompareEdgeMemo = memo(CompareEdgeView);
