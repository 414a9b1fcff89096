"use client";
// A component in the compare drawing: read-only, badged same / differs / only left / only
// right, dimmed when a search matches none of its changes. Handles sit where the editor's do
// (shared geometry), so lines attach to the same slots; they only anchor lines here.
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { DiffStatus } from "@/server/domain/diff/types";
import { BundleIcon } from "@/components/canvas/bundle-icon";
import { HANDLE, NODE_WIDTH, ROW, handleTop, nodeHeight } from "@/components/canvas/node-geometry";
import { STATUS_LABEL } from "./compare-model";

export interface CompareNodeData extends Record<string, unknown> {
  name: string;
  bundle: string;
  version: string;
  icon: string;
  status: DiffStatus;
  changes: number;
  /** False when a search is active and none of this component's changes match it. */
  matching: boolean;
  slots: { key: string; color: string; kind: "target" | "source" }[];
}

export type CompareNode = Node<CompareNodeData, "compare">;

export const BADGE_STYLE: Record<DiffStatus, string> = {
  same: "bg-slate-100 text-slate-600 ring-slate-300",
  changed: "bg-amber-100 text-amber-900 ring-amber-400",
  added: "bg-emerald-100 text-emerald-900 ring-emerald-400",
  removed: "bg-red-100 text-red-900 ring-red-400",
};

const OUTLINE: Record<DiffStatus, string> = {
  same: "ring-slate-300",
  changed: "ring-amber-400",
  added: "ring-emerald-500",
  removed: "ring-red-400",
};

export function DiffBadge({ status, className = "" }: { status: DiffStatus; className?: string }) {
  return (
    <span
      data-testid="diff-badge"
      data-status={status}
      className={`whitespace-nowrap rounded-full px-1.5 py-0.5 canvas-text-small font-medium ring-1 ring-inset ${BADGE_STYLE[status]} ${className}`}
    >
      {STATUS_LABEL[status]}
    </span>
  );
}

function CompareNodeView({ data, selected }: NodeProps<CompareNode>) {
  const { name, bundle, version, icon, status, changes, matching, slots } = data;
  return (
    <div
      className={`relative rounded-lg bg-white text-left shadow-sm ${selected ? "ring-2 ring-brand-600" : `ring-1 ${OUTLINE[status]}`} ${matching ? "" : "opacity-35"} ${status === "same" ? "bg-slate-50" : ""}`}
      style={{ width: NODE_WIDTH, height: nodeHeight(slots.length) }}
      data-testid="compare-node"
      data-name={name}
      data-status={status}
      data-matching={matching ? "true" : "false"}
    >
      {/* The button gives the node an accessible name and keyboard access;
          React Flow's onNodeClick handles the click. */}
      <button
        type="button"
        aria-pressed={selected}
        aria-label={`${name}: ${STATUS_LABEL[status]}${changes ? `, ${changes} change${changes === 1 ? "" : "s"}` : ""}`}
        className="flex h-14 w-full items-center gap-2 overflow-hidden border-b border-slate-100 px-3 text-left focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <span className="rounded bg-slate-100 p-1 text-slate-700">
          <BundleIcon name={icon} />
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate font-mono canvas-text-name font-semibold">{name}</span>
          <span className="block truncate canvas-text-small text-slate-500">
            {bundle}@{version}
          </span>
        </span>
        <span className="flex flex-col items-end gap-0.5">
          <DiffBadge status={status} />
          {changes > 0 ? (
            <span className="canvas-text-small text-slate-500">
              {changes} change{changes === 1 ? "" : "s"}
            </span>
          ) : null}
        </span>
      </button>
      {slots.map((s, i) => (
        <div
          key={`${s.kind}-${s.key}`}
          className={`absolute left-0 flex w-full items-center px-3 canvas-text-small text-slate-500 ${s.kind === "source" ? "justify-end" : ""}`}
          style={{ top: handleTop(i) - ROW / 2, height: ROW }}
        >
          {s.key}
          <Handle
            type={s.kind}
            id={s.key}
            isConnectable={false}
            position={s.kind === "target" ? Position.Left : Position.Right}
            style={{
              top: ROW / 2 - HANDLE / 2,
              [s.kind === "target" ? "left" : "right"]: -HANDLE / 2,
              transform: "none",
              background: s.color,
              width: HANDLE,
              height: HANDLE,
              border: "2px solid white",
            }}
          />
        </div>
      ))}
    </div>
  );
}

export const CompareNodeMemo = memo(CompareNodeView);
