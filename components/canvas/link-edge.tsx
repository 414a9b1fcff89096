"use client";
// A line: coloured by its artifact type; when it no longer type-checks against its
// components' bundle versions it is drawn red and dashed with the reason, never dropped.
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useStore,
  useStoreApi,
  type EdgeProps,
  type ReactFlowState,
} from "@xyflow/react";
import { memo } from "react";
import { useCanvas, useConnectionChannel } from "./canvas-context";
import type { LinkEdge } from "./flow-elements";
import { COMPACT_BELOW } from "./node-geometry";
import { linkLabelText } from "./use-label-placement";

// Labels are read only where nodes are drawn in full; below that zoom they would be noise (and
// work).
const readableSelector = (s: ReactFlowState) => s.transform[2] >= COMPACT_BELOW;

function LinkEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected,
}: EdgeProps<LinkEdge>) {
  const color = useCanvas((s) => s.catalog.types.get(data?.type ?? "")?.color ?? "#64748b");
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const flow = useStoreApi();
  const highlighted = useCanvas((s) => s.highlighted?.has(id) ?? false);
  const readable = useStore(readableSelector);
  const broken = data?.broken;
  const text = useCanvas((s) => linkLabelText(data, s.catalog.types));
  const showLabel = broken || selected || highlighted || readable;
  // Placed clear of other labels and of components (the curve's middle until it is); a line
  // drawing no label does not even listen.
  const at = useConnectionChannel((s) => (showLabel ? s.labels.get(id) : undefined));
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{
          stroke: broken ? "#dc2626" : color,
          strokeWidth: selected || highlighted ? 4 : 2,
          strokeDasharray: broken ? "6 4" : undefined,
        }}
      />
      {showLabel ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`nodrag nopan pointer-events-auto absolute cursor-pointer whitespace-nowrap rounded px-1.5 py-0.5 text-xs leading-4 shadow-sm ring-1 ${broken ? "bg-red-50 text-red-800 ring-red-300" : "bg-white text-slate-700 ring-slate-200"}`}
            style={{
              transform: `translate(-50%, -50%) translate(${at?.x ?? labelX}px, ${at?.y ?? labelY}px)`,
            }}
            // The label sits on the line's midpoint, where people click to open the line.
            onClick={() => flow.getState().addSelectedEdges([id])}
            data-testid={broken ? "broken-line" : "line-label"}
            data-highlighted={highlighted ? "true" : undefined}
          >
            {text}
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const LinkEdgeMemo = memo(LinkEdgeView);
