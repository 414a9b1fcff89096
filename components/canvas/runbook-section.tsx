"use client";
// The component's runbook (its bundle version's operator guide, e.g. Massdriver's operator.md) at
// the foot of the inspector: closed by default, fetched only once opened.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Markdown } from "@/components/ui/markdown";
import { useCanvas } from "./canvas-context";

export function RunbookSection({
  componentId,
  organizationId,
}: {
  componentId: string;
  organizationId: string;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const bundle = useCanvas((s) => s.diagram.components.find((c) => c.id === componentId)?.bundle);
  const version = useCanvas((s) => s.diagram.components.find((c) => c.id === componentId)?.version);
  const detail = useQuery({
    ...trpc.catalog.bundle.queryOptions({ organizationId, name: bundle ?? "", version }),
    enabled: open && !!bundle,
    retry: false,
  });
  return (
    <details
      className="max-h-[45%] shrink-0 overflow-y-auto border-t border-slate-200 px-4 py-2"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Runbook</summary>
      <div aria-label="Runbook" role="region" className="pt-2">
        {detail.isPending && open ? (
          <p className="text-xs text-slate-500">Loading…</p>
        ) : detail.error ? (
          <p className="text-xs text-red-700">{detail.error.message}</p>
        ) : detail.data?.runbook ? (
          <Markdown source={detail.data.runbook} />
        ) : detail.data ? (
          <p className="text-xs text-slate-500">
            {bundle}@{version} has no runbook (a Massdriver bundle&apos;s operator.md becomes one).
          </p>
        ) : null}
      </div>
    </details>
  );
}
