"use client";
// The runs of one whole-environment request, followed until each ends: component, status, and
// for a plan how many resources it would change, by kind.
import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc";
import { RunBadge } from "./run-badge";
import { isActiveRun, type Run } from "./run-format";

const KIND_SIGN = { create: "+", update: "~", replace: "±", delete: "−" } as const;

function changeSummary(changes: Run["changes"]): string {
  if (!changes) return "—";
  if (changes.length === 0) return "no changes";
  const counts = new Map<keyof typeof KIND_SIGN, number>();
  for (const c of changes) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  const kinds = [...counts].map(([kind, n]) => `${KIND_SIGN[kind]}${n} ${kind}`).join(", ");
  return `${changes.length} change${changes.length === 1 ? "" : "s"} (${kinds})`;
}

export function useBatchRuns(
  scope: { projectId: string; environmentId: string },
  ids: readonly string[],
) {
  const trpc = useTRPC();
  return useQueries({
    queries: ids.map((deploymentId) => ({
      ...trpc.deployment.get.queryOptions({ ...scope, deploymentId }),
      staleTime: 0,
      refetchInterval: (q: { state: { data?: Run } }) =>
        q.state.data && !isActiveRun(q.state.data.status) ? false : 1000,
    })),
  });
}

export function BatchRuns({
  runs,
  href,
  testId,
}: {
  runs: readonly { data?: Run; error: { message: string } | null }[];
  href: (deploymentId: string) => string;
  testId: string;
}) {
  return (
    <table className="w-full text-left text-sm" data-testid={testId}>
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Component</th>
          <th className="py-1 pr-3 font-medium">Action</th>
          <th className="py-1 pr-3 font-medium">Status</th>
          <th className="py-1 font-medium">Changes</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {runs.map((q, i) =>
          q.data ? (
            <tr
              key={q.data.id}
              data-testid="batch-run"
              data-component={q.data.component?.name}
              data-status={q.data.status}
            >
              <td className="py-1 pr-3 font-mono">
                <Link className="text-brand-700 hover:underline" href={href(q.data.id)}>
                  {q.data.component?.name ?? "(deleted)"}
                </Link>
              </td>
              <td className="py-1 pr-3">
                {q.data.action} #{q.data.number}
              </td>
              <td className="py-1 pr-3">
                <RunBadge status={q.data.status} />
                {q.data.reason ? (
                  <span className="ml-2 text-xs text-slate-600">{q.data.reason}</span>
                ) : null}
              </td>
              <td className="py-1 text-xs">{changeSummary(q.data.changes)}</td>
            </tr>
          ) : (
            <tr key={`loading-${i}`}>
              <td colSpan={4} className="py-1 text-xs text-slate-500">
                {q.error ? q.error.message : "Loading…"}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
