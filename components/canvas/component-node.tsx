"use client";
// A component on the canvas: icon, name, bundle@version, status in the current environment,
// and one handle per slot (inputs left, outputs right) coloured by artifact type. While a
// line is dragged, each handle asks `canConnect` (a few Map lookups) whether it would accept
// it, lights up if so and says why not otherwise.
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { RUN_TONE, type RunStatus } from "@/components/deployments/run-format";
import { useDriftState, useRunState } from "@/components/deployments/run-statuses";
import { canConnect, orient } from "@/server/domain/graph/connect";
import { bundleRef } from "@/server/domain/graph/types";
import { BundleIcon } from "./bundle-icon";
import { useCatalog } from "./drawing-context";
import { ConnectMenu } from "./connect-menu";
import { NodeBadges } from "./node-badges";
import { useCanvas, useCanvasStore, useConnectionChannel } from "./canvas-context";
import type { ComponentNode as ComponentNodeType } from "./flow-elements";
import { HANDLE, handleTop, nodeHeight, ROW } from "./node-geometry";
import { UNKNOWN_STATUS } from "./store-inputs";
import { useZoomLevel } from "./zoom-level";

/** Where the first compact mark's box starts: the name above fills the node down to it. */
const MARKS_TOP = handleTop(0) - HANDLE / 2;

const STATUS_STYLE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-600",
  pending: "bg-amber-100 text-amber-800",
  provisioning: "bg-sky-100 text-sky-800",
  running: "bg-emerald-100 text-emerald-800",
  deployed: "bg-emerald-100 text-emerald-800",
  decommissioned: "bg-slate-200 text-slate-500",
  failed: "bg-red-100 text-red-800",
  [UNKNOWN_STATUS]: "bg-slate-50 text-slate-400",
};

function useVerdict(nodeId: string, handleId: string, kind: "source" | "target") {
  // Only while a line is dragged does a node care about the graph index; the dragged handle
  // lives in the connection channel, so nothing else on the canvas store wakes this selector.
  const store = useCanvasStore();
  return useConnectionChannel((s) => {
    const c = s.connecting;
    if (!c || c.handleType === kind) return null;
    const v = canConnect(
      store.getState().index,
      orient({ nodeId: c.nodeId, id: c.handleId, type: c.handleType }, { nodeId, id: handleId }),
    );
    return v.ok ? "ok" : v.reason;
  });
}

/**
 * A handle's row and colour: the rest (size, side, border, no transform) is the `slot-handle`
 * class in app/globals.css. Handles sit at plain offsets instead of React Flow's default
 * `transform: translate(…)`: every transform is a paint property node, and with ~2,000 handles on
 * a large diagram the browser spent more time layerizing and hit-testing them than drawing
 * everything else. Two inline properties rather than seven: React set ~14,000 on a large
 * diagram's first render.
 */
function handleStyle(color: string, centerY: number) {
  return { top: centerY - HANDLE / 2, backgroundColor: color };
}

/** Every handle's accessible name: "api input database (postgresql)". */
const handleName = (node: string, kind: "source" | "target", slot: { key: string; type: string }) =>
  `${node} ${kind === "target" ? "input" : "output"} ${slot.key} (${slot.type})`;

function SlotRow({
  nodeId,
  nodeName,
  slot,
  kind,
  row,
  color,
  missing,
}: {
  nodeId: string;
  nodeName: string;
  slot: { key: string; type: string; title: string };
  kind: "source" | "target";
  /** The row's index in the node: its handle is placed from the node's top. */
  row: number;
  color: string;
  missing?: boolean;
}) {
  const verdict = useVerdict(nodeId, slot.key, kind);
  // An input with no line (nor remote reference, which wins) is filled by the environment's
  // default of its type, if there is one.
  const filledBy = useCanvas((s) =>
    kind === "target" &&
    !s.index.occupied.get(nodeId)?.has(slot.key) &&
    !s.references.has(`${nodeId}\u0000${slot.key}`)
      ? (s.environmentDefaults.get(slot.type) ?? null)
      : null,
  );
  const readOnly = useCanvas((s) => s.readOnly);
  // At the row's outer end, beside the handle: a click on the component's middle never lands on it.
  const menu = readOnly ? null : (
    <ConnectMenu nodeId={nodeId} nodeName={nodeName} slot={slot.key} kind={kind} />
  );
  const ring =
    verdict === "ok" ? "ring-2 ring-emerald-400 bg-emerald-50" : verdict ? "opacity-40" : "";
  return (
    <div
      // Not positioned: the handle is placed in the node box (a positioned row per slot was a
      // paint layer each, 2,000 on a large diagram, hit-tested on every pointer move).
      className={`group flex h-5 items-center gap-1.5 px-3 canvas-text-small ${kind === "source" ? "justify-end" : ""} ${ring}`}
      title={verdict && verdict !== "ok" ? verdict : `${slot.title}: ${slot.type}`}
      data-testid={`${kind === "target" ? "input" : "output"}-${slot.key}`}
      data-compatible={verdict === null ? undefined : String(verdict === "ok")}
    >
      {kind === "target" ? menu : null}
      <span className={missing ? "font-medium text-red-700" : "text-slate-700"}>{slot.key}</span>
      <span className="truncate text-slate-500">{slot.type}</span>
      {missing ? <span className="text-red-700">required</span> : null}
      {filledBy ? (
        <span
          className="ml-auto truncate rounded bg-sky-50 px-1 canvas-text-small text-sky-800"
          title={`Filled by the environment default ${filledBy}`}
          data-testid="environment-default-badge"
        >
          default: {filledBy}
        </span>
      ) : null}
      {kind === "source" ? menu : null}
      <Handle
        type={kind}
        id={slot.key}
        position={kind === "target" ? Position.Left : Position.Right}
        className="slot-handle"
        style={handleStyle(color, handleTop(row))}
        // A name needs a role (a plain div may not carry aria-label); the Connect… button beside
        // it is the keyboard's way to draw a line, so the handle itself is not a control.
        role="img"
        aria-label={handleName(nodeName, kind, slot)}
      />
    </div>
  );
}

/**
 * The component's newest run here, live: its own subscriber to the run statuses, so a run
 * moving re-renders this pill only.
 */
const RunPill = memo(function RunPill({ componentId }: { componentId: string }) {
  const state = useRunState(componentId);
  if (!state) return null;
  const [action, status] = state.split(":") as [string, RunStatus];
  return (
    <span
      className={`rounded-full px-1.5 py-0.5 canvas-text-small ${RUN_TONE[status]}`}
      title={`Latest run: ${action} ${status}`}
      data-testid="node-run-status"
      data-action={action}
      data-status={status}
    >
      {status === "running" ? "● " : ""}
      {status}
    </span>
  );
});

/** Drift is a status of its own: shown beside the run's, never instead of it. */
const DriftBadge = memo(function DriftBadge({ componentId }: { componentId: string }) {
  const drift = useDriftState(componentId);
  if (drift !== "drifted") return null;
  return (
    <span
      className="rounded-full bg-orange-100 px-1.5 py-0.5 canvas-text-small font-medium text-orange-800"
      title="Reality differs from what the last apply left: see the Deploy tab"
      data-testid="node-drift"
    >
      drifted
    </span>
  );
});

function ComponentNodeView({ id, data, selected }: NodeProps<ComponentNodeType>) {
  const { component, missing, status } = data;
  const { byRef, types } = useCatalog();
  const bundle = byRef.get(bundleRef(component.bundle, component.version));
  const missingSet = missing ? new Set(missing.split(",")) : null;
  const colour = (type: string) => types.get(type)?.color ?? "#64748b";
  // Compact drawing below COMPACT_BELOW: the slot rows are most of what the browser would
  // otherwise lay out, paint and hit-test for 500 nodes.
  const { compact } = useZoomLevel();
  const slots = [
    ...(bundle?.inputs.map((slot) => ({ slot, kind: "target" as const })) ?? []),
    ...(bundle?.outputs.map((slot) => ({ slot, kind: "source" as const })) ?? []),
  ];
  if (compact) {
    // Nothing in it is positioned: each positioned box is a paint layer, which the browser
    // hit-tests on every pointer move and layerizes on every frame of a pan. Badges sit above
    // the node in a zero-height row, marks in a column under the name.
    return (
      <div
        className={`w-60 rounded-lg bg-white outline ${selected ? "outline-2 outline-brand-600" : missing ? "outline-red-300" : "outline-slate-300"}`}
        style={{ height: nodeHeight(slots.length) }}
        data-testid="component-node"
        data-name={component.name}
      >
        <NodeBadges componentId={component.id} large />
        {/* No truncate: clipping costs a clip node per node, and 20 mono characters fit w-60. */}
        <p
          className="whitespace-nowrap px-3 pt-4 font-mono text-xl font-semibold"
          style={{ height: MARKS_TOP }}
        >
          {component.name}
        </p>
        <div className="flex flex-col" style={{ rowGap: ROW - HANDLE }}>
          {slots.map(({ slot, kind }) => (
            // Marks only, not React Flow handles: at this zoom a handle is a pixel or two wide,
            // no line is dragged from it. React Flow measures every node once it is drawn
            // (declared handles notwithstanding) and reads the handles' boxes from these classes.
            <div
              key={`${kind}-${slot.key}`}
              className={`react-flow__handle react-flow__handle-${kind === "target" ? "left" : "right"} ${kind} slot-handle slot-mark`}
              data-handleid={slot.key}
              data-handlepos={kind === "target" ? Position.Left : Position.Right}
              style={{ backgroundColor: colour(slot.type) }}
              // No role or name: a mark is not a control, and 2,000 named images on a zoomed-out
              // diagram would be noise to a screen reader (and attributes to set on load).
            />
          ))}
        </div>
      </div>
    );
  }
  return (
    <div
      className={`relative w-60 rounded-lg bg-white text-left shadow-sm ring-1 ${selected ? "ring-2 ring-brand-600" : missing ? "ring-red-300" : "ring-slate-300"}`}
      data-testid="component-node"
      data-name={component.name}
      role="group"
      aria-label={`${component.name} (${component.bundle})`}
    >
      <NodeBadges componentId={component.id} />
      <div className="flex h-14 items-center gap-2 overflow-hidden border-b border-slate-100 px-3">
        <span className="rounded bg-slate-100 p-1 text-slate-700">
          <BundleIcon name={bundle?.icon ?? "box"} />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate font-mono canvas-text-name font-semibold">{component.name}</p>
          <p className="truncate canvas-text-small text-slate-500">
            {component.bundle}@{component.version}
            {!bundle ? <span className="text-red-700"> (not in catalog)</span> : null}
          </p>
        </div>
        <div className="flex flex-col items-end gap-0.5">
          <span
            className={`rounded-full px-1.5 py-0.5 canvas-text-small ${STATUS_STYLE[status] ?? STATUS_STYLE.draft}`}
            data-testid="node-instance-status"
            title={status === UNKNOWN_STATUS ? "Reading this environment's status…" : undefined}
          >
            {status}
          </span>
          <span className="flex gap-1">
            <DriftBadge componentId={component.id} />
            <RunPill componentId={component.id} />
          </span>
        </div>
      </div>
      <div className="py-1">
        {slots.map(({ slot, kind }, i) => (
          <SlotRow
            key={`${kind}-${slot.key}`}
            nodeId={id}
            nodeName={component.name}
            slot={slot}
            kind={kind}
            row={i}
            color={colour(slot.type)}
            missing={kind === "target" && missingSet?.has(slot.key)}
          />
        ))}
      </div>
      {missingSet ? (
        <p
          className="border-t border-red-100 bg-red-50 px-3 py-1 canvas-text-small text-red-800"
          data-testid="missing-inputs"
        >
          Needs a line into: {[...missingSet].join(", ")}
        </p>
      ) : null}
    </div>
  );
}

export const ComponentNodeMemo = memo(ComponentNodeView);
