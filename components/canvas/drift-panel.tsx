"use client";
// What the newest drift check of the selected component found in this environment: each
// difference as resource, attribute, expected → actual, with "Check drift now" (queues a drift
// run; skipped while another run holds the component) and "Reconcile" (applies again what the
// newest succeeded apply ran). The finding refreshes when the node's drift status moves.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useDriftState } from "@/components/deployments/run-statuses";
import { formatUtc } from "@/components/audit/format";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { useCanvas } from "./canvas-context";
import { refreshAfterWrite } from "@/components/refresh-after-write";

const TONE = {
  clean: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  drifted: "bg-orange-50 text-orange-950 ring-orange-200",
  failed: "bg-red-50 text-red-900 ring-red-200",
} as const;

export function DriftPanel({ projectId, componentId }: { projectId: string; componentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const environmentId = useCanvas((s) => s.environmentId);
  const readOnly = useCanvas((s) => s.readOnly);
  const setStatus = useCanvas((s) => s.setStatus);
  // Set when a check is queued from here: the finding is polled until a newer one arrives.
  const [awaiting, setAwaiting] = useState<Date | null>(null);
  const drift = useQuery({
    ...trpc.deployment.drift.queryOptions({ projectId, environmentId }),
    refetchInterval: (q) => {
      if (!awaiting || Date.now() - awaiting.getTime() > 120_000) return false;
      const f = q.state.data?.findings.find((x) => x.componentId === componentId);
      return f && f.checkedAt >= awaiting ? false : 1000;
    },
  });
  // The node's drift status moved (a check ended elsewhere, or on schedule): read it again.
  const nodeDrift = useDriftState(componentId);
  const { refetch } = drift;
  useEffect(() => {
    void nodeDrift;
    void refetch();
  }, [nodeDrift, refetch]);
  const refresh = () => {
    void refreshAfterWrite(queryClient, [
      trpc.deployment.list.pathKey(),
      trpc.deployment.drift.pathKey(),
    ]);
  };
  const check = useMutation(
    trpc.deployment.checkDrift.mutationOptions({
      onSuccess: (queued) => {
        if (queued.runs[0]) setAwaiting(queued.runs[0].createdAt);
        refresh();
      },
    }),
  );
  const reconcile = useMutation(
    trpc.deployment.reconcile.mutationOptions({
      onSuccess: (d) => {
        setStatus({ componentId, environmentId, status: d.instanceStatus });
        refresh();
      },
    }),
  );
  const finding = drift.data?.findings.find((f) => f.componentId === componentId);
  const error = check.error ?? reconcile.error ?? drift.error;
  return (
    <section aria-label="Drift" className="space-y-2" data-testid="drift-panel">
      <h3 className="text-sm font-semibold">Drift</h3>
      {!finding ? (
        <p className="text-xs text-slate-600">
          Not checked here yet. A check compares what runs with what the last apply left
          {drift.data?.schedule ? ` (scheduled: ${drift.data.schedule} UTC)` : ""}.
        </p>
      ) : (
        <div
          className={`rounded-md p-3 text-sm ring-1 ${TONE[finding.status]}`}
          data-testid="drift-finding"
          data-status={finding.status}
        >
          <p className="font-medium">
            {finding.status === "drifted"
              ? `Drifted: ${finding.items.length} difference(s)`
              : finding.status === "clean"
                ? "No drift"
                : "The last check failed (see its run)"}
          </p>
          <p className="text-xs opacity-80">
            Checked {formatUtc(finding.checkedAt)}
            {finding.status === "drifted" ? ` · since ${formatUtc(finding.since)}` : ""}
          </p>
          {finding.items.length > 0 ? (
            <ul className="mt-2 space-y-1.5">
              {finding.items.map((item) => (
                <li
                  key={`${item.resource}/${item.attribute}`}
                  data-testid="drift-item"
                  className="break-words text-xs"
                >
                  <span className="font-mono font-semibold">{item.resource}</span>{" "}
                  <span className="font-mono">{item.attribute}</span>
                  <br />
                  <span className="font-mono">{item.expected}</span> →{" "}
                  <span className="font-mono font-semibold">{item.actual}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {readOnly ? null : (
        <div className="flex gap-2">
          <Button
            variant="secondary"
            disabled={check.isPending}
            onClick={() => check.mutate({ projectId, environmentId, componentId })}
          >
            Check drift now
          </Button>
          {finding?.status === "drifted" ? (
            <Button
              disabled={reconcile.isPending}
              onClick={() => reconcile.mutate({ projectId, environmentId, componentId })}
            >
              Reconcile
            </Button>
          ) : null}
        </div>
      )}
      {check.data ? (
        <p role="status" className="text-xs text-slate-700" data-testid="drift-check-status">
          {check.data.runs.length > 0
            ? `Queued drift check #${check.data.runs[0]?.number}.`
            : `Not queued: ${check.data.skipped[0]?.reason ?? "nothing deployed"}.`}
        </p>
      ) : null}
      {reconcile.data ? (
        <p role="status" className="text-xs text-emerald-800" data-testid="reconcile-status">
          Queued apply #{reconcile.data.number} to reconcile.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="break-words text-xs text-red-700">
          {error.message}
        </p>
      ) : null}
    </section>
  );
}
