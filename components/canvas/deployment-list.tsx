"use client";
// A component's deployments in one environment, newest first, as the Deploy tab lists them.
import { useQuery } from "@tanstack/react-query";
import { formatUtc, relativeTime } from "@/components/audit/format";
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
  const list = useQuery(
    trpc.deployment.list.queryOptions({ projectId, environmentId, componentId }),
  );
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
                <span className="font-mono font-semibold">
                  {d.action} #{d.number}
                </span>
                <span className="rounded bg-slate-100 px-1.5 text-xs">{d.status}</span>
                {d.status === "queued" ? (
                  <span className="text-xs text-amber-800">Waiting for a runner</span>
                ) : null}
              </div>
              <p className="text-xs text-slate-500">
                {d.createdBy ? d.createdBy.name : "system"} ·{" "}
                <time dateTime={d.createdAt.toISOString()} title={formatUtc(d.createdAt)}>
                  {relativeTime(d.createdAt, now)}
                </time>
                {d.bundleVersion ? ` · v${d.bundleVersion}` : ""}
              </p>
              {d.message ? <p className="text-xs text-slate-700">{d.message}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
