"use client";
// A line in the compare drawing, in its type's colour; when what it grants differs between
// the two sides it is drawn thicker with a badge "read-only → read-write" on its midpoint;
// the badge is a button that opens the line's difference in the side panel.
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  type Edge,
  type EdgeProps,
} from "@xyflow/react";
import { createContext, memo, useContext } from "react";
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

/** Opens a line's difference (by link id): given by the canvas, read by every badge. */
export const OpenLineContext = createContext<(linkId: string) => void>(() => {});

function CompareEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected,
}: EdgeProps<CompareEdge>) {
  const openLine = useContext(OpenLineContext);
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
          strokeWidth: selected ? 6 : differs ? 4 : 2,
          strokeDasharray:
            data?.status === "added" || data?.status === "removed" ? "6 4" : undefined,
        }}
      />
      {differs && data.badge ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`nodrag nopan pointer-events-auto absolute cursor-pointer rounded px-1.5 py-0.5 text-[11px] font-medium shadow-sm ring-inset hover:underline ${selected ? "ring-2 ring-brand-600" : "ring-1"} ${BADGE_STYLE[data.status]}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="line-diff-badge"
            data-status={data.status}
            aria-label={`${data.title}: ${data.badge}`}
            aria-pressed={selected ?? false}
            title={`${data.title}: ${data.badge} (open its difference)`}
            onClick={() => openLine(id)}
          >
            {data.badge}
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const CompareEdgeMemo = memo(CompareEdgeView);
