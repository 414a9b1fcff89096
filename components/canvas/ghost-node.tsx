"use client";
// A remote reference drawn on the borrower's canvas: a read-only ghost of another project's
// artifact (or an imported one) with its owner, environment, type and whether it exists. It is
// never editable here; clicking it opens the owner's canvas (or the imported artifacts page).
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { memo } from "react";

interface GhostData extends Record<string, unknown> {
  label: string;
  /** Owner project slug; null for an imported artifact. */
  project: string | null;
  environment: string | null;
  type: string;
  /** Whether the artifact exists and when it last changed (./ghost-status.ts). */
  text: string;
  ok: boolean;
}

export type GhostNode = Node<GhostData, "ghost">;

function GhostNodeView({ data }: NodeProps<GhostNode>) {
  const { org } = useParams<{ org: string }>();
  const href = data.project ? `/o/${org}/p/${data.project}` : `/o/${org}/imported`;
  return (
    <Link
      href={href}
      data-testid="ghost-node"
      title={`Owned by ${data.project ?? "nobody here (imported)"}: open it`}
      className="block w-56 rounded-lg border-2 border-dashed border-slate-400 bg-slate-50/80 px-3 py-2 text-xs text-slate-700 hover:border-brand-600"
    >
      <p className="font-mono font-semibold">{data.label}</p>
      <p>
        {data.project ? `${data.project} · ${data.environment}` : "imported artifact"} · {data.type}
      </p>
      <p
        className={data.ok ? "text-emerald-800" : "font-medium text-red-700"}
        data-testid="ghost-status"
      >
        {data.text}
      </p>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </Link>
  );
}

export const GhostNodeMemo = memo(GhostNodeView);
