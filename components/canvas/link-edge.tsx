"use client";
// A line: coloured by its artifact type; when it no longer type-checks against its
// components' bundle versions it is drawn red and dashed with the reason, never dropped.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useCanvas } from "./canvas-context";
import type { LinkEdge } from "./flow-elements";

function LinkEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<LinkEdge>) {
  const color = useCanvas((s) => s.catalog.types.get(data?.type ?? "")?.color ?? "#64748b");
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const broken = data?.broken;
  const policies = data?.link.policies.join(", ");
  const showLabel = broken || selected;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{ stroke: broken ? "#dc2626" : color, strokeWidth: selected ? 3 : 2, strokeDasharray: broken ? "6 4" : undefined }}
      />
      {showLabel ? (
        <EdgeLabelRenderer>
          <div
            className={`nodrag nopan pointer-events-auto absolute rounded px-1.5 py-0.5 text-[11px] shadow-sm ring-1 ${broken ? "bg-red-50 text-red-800 ring-red-300" : "bg-white text-slate-700 ring-slate-200"}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={broken ? "broken-line" : "line-label"}
          >
            {broken ? `broken: ${broken}` : `${data?.type}${policies ? ` · ${policies}` : ""}`}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const LinkEdgeMemo = memo(LinkEdgeView);
