"use client";
// A component's runs in one environment, newest first, as the Deploy tab lists them; each
// opens its run page (logs, plan, outputs). Refreshed when a run moves (the canvas's run
// statuses invalidate it) and every few seconds while one is active.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { formatUtc, relativeTime } from "@/components/audit/format";
import { RunBadge } from "@/components/deployments/run-badge";
import {
  isActiveRun,
  projectBase,
  RUN_ACTION_LABEL,
  runHref,
} from "@/components/deployments/run-format";
import { useTRPC } from "@/components/trpc";

export function DeploymentList({
  projectId,
  componentId,
  environmentId,
  environment,
}: {
  projectId: string;
  componentId: string;
  environmentId: string;
  environment: string;
}) {
  const trpc = useTRPC();
  const base = projectBase(usePathname()) ?? "";
  const list = useQuery({
    ...trpc.deployment.list.queryOptions({ projectId, environmentId, componentId }),
    refetchInterval: (q) => (q.state.data?.some((d) => isActiveRun(d.status)) ? 2000 : false),
  });
  const now = new Date();
  return (
    <section aria-label="Deployments">
      <h3 className="text-sm font-semibold">Deployments in {environment}</h3>
      {list.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {list.error.message}
        </p>
      ) : !list.data ? (
        <p className="mt-2 text-sm text-slate-500">Loading…</p>
      ) : list.data.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None requested yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100" data-testid="deployments">
          {list.data.map((d) => (
            <li
              key={d.id}
              className="py-2 text-sm"
              data-testid="deployment"
              data-number={d.number}
              data-action={d.action}
              data-status={d.status}
            >
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  className="font-mono font-semibold text-brand-700 hover:underline"
                  href={runHref(base, environment, d.id)}
                >
                  {RUN_ACTION_LABEL[d.action]} #{d.number}
                </Link>
                <RunBadge status={d.status} />
              </div>
              <p className="text-xs text-slate-500">
                {d.createdBy ? d.createdBy.name : "system"} ·{" "}
                <time dateTime={d.createdAt.toISOString()} title={formatUtc(d.createdAt)}>
                  {relativeTime(d.createdAt, now)}
                </time>
                {d.bundleVersion ? ` · v${d.bundleVersion}` : ""}
              </p>
              {d.message ? <p className="text-xs text-slate-700">{d.message}</p> : null}
              {d.reason ? <p className="text-xs text-red-800">{d.reason}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
