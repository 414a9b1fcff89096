"use client";
// A line: coloured by its artifact type; when it no longer type-checks against its
// components' bundle versions it is drawn red and dashed with the reason, never dropped.
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useStoreApi,
  type EdgeProps,
} from "@xyflow/react";
import { memo } from "react";
import { useConnectionChannel } from "./canvas-context";
import { useCatalog, useHighlighted } from "./drawing-context";
import type { CatalogView } from "./catalog-view";
import type { LinkEdge } from "./flow-elements";
import { useZoomLevel } from "./zoom-level";
import { linkLabelText } from "./use-label-placement";

/**
 * The label, a component of its own: only a line that shows one listens for where it was placed,
 * so 800 lines drawn without labels (zoomed out) hold no subscription for them.
 */
function EdgeLabel({
  id,
  data,
  types,
  midpoint,
  highlighted,
}: {
  id: string;
  data: LinkEdge["data"];
  types: CatalogView["types"];
  midpoint: { x: number; y: number };
  highlighted: boolean;
}) {
  const flow = useStoreApi();
  // Placed clear of other labels and of components (the curve's middle until it is).
  const at = useConnectionChannel((s) => s.labels.get(id)) ?? midpoint;
  const broken = data?.broken;
  return (
    <EdgeLabelRenderer>
      <button
        type="button"
        className={`nodrag nopan pointer-events-auto absolute cursor-pointer whitespace-nowrap rounded px-1.5 py-0.5 text-xs leading-4 shadow-sm ring-1 ${broken ? "bg-red-50 text-red-800 ring-red-300" : "bg-white text-slate-700 ring-slate-200"}`}
        style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
        // The label sits on the line's midpoint, where people click to open the line.
        onClick={() => flow.getState().addSelectedEdges([id])}
        data-testid={broken ? "broken-line" : "line-label"}
        data-highlighted={highlighted ? "true" : undefined}
      >
        {linkLabelText(data, types)}
      </button>
    </EdgeLabelRenderer>
  );
}

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
  // The colour and the label from context (./catalog-context.tsx): 800 lines each subscribing to
  // the store for them was a measurable part of a large diagram's first render.
  const { types } = useCatalog();
  const color = types.get(data?.type ?? "")?.color ?? "#64748b";
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const highlighted = useHighlighted(id);
  const { readable, compact } = useZoomLevel();
  const broken = data?.broken;
  const showLabel = broken || selected || highlighted || readable;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        // Compact (below 45%) a line is not picked by hand, as no line is dragged from a handle
        // there: no 20px-wide invisible twin to draw, hit-test on every pointer move and keep.
        interactionWidth={compact ? 0 : undefined}
        style={{
          stroke: broken ? "#dc2626" : color,
          strokeWidth: selected || highlighted ? 4 : 2,
          strokeDasharray: broken ? "6 4" : undefined,
        }}
      />
      {showLabel ? (
        <EdgeLabel
          id={id}
          data={data}
          types={types}
          midpoint={{ x: labelX, y: labelY }}
          highlighted={highlighted}
        />
      ) : null}
    </>
  );
}

const ENDS = new Set(["sourceX", "sourceY", "targetX", "targetY"]);

/**
 * The same line within a hundredth of a pixel. React Flow reads every handle from the DOM once
 * it has measured a node, and at a zoom of 0.16 that moves line ends declared at 525 to
 * 524.9994: without the tolerance all 800 lines of a large diagram were drawn again on load for
 * no visible change.
 */
function sameLine(a: EdgeProps<LinkEdge>, b: EdgeProps<LinkEdge>): boolean {
  const keys = Object.keys(a) as (keyof EdgeProps<LinkEdge>)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) =>
    ENDS.has(k) ? Math.abs((a[k] as number) - (b[k] as number)) < 0.01 : Object.is(a[k], b[k]),
  );
}

export const LinkEdgeMemo = memo(LinkEdgeView, sameLine);
