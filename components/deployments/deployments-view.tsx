"use client";
// An environment's runs, newest first, filtered by status, action and component: what ran,
// who asked, when, how long. Refreshed every few seconds (faster while a run is active);
// each row opens its run page.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatUtc } from "@/components/audit/format";
import { useTRPC } from "@/components/trpc";
import { SelectField } from "@/components/ui/select-field";
import { RunBadge } from "./run-badge";
import {
  deploymentsHref,
  duration,
  isActiveRun,
  RUN_ACTION_LABEL,
  RUN_STATUSES,
  type RunStatus,
  runHref,
} from "./run-format";
import { type ScopeSlugs, useProjectScope } from "./use-project-scope";

const ACTIONS = ["plan", "apply", "destroy", "drift"] as const;
type Action = (typeof ACTIONS)[number];

export function DeploymentsView({ slugs }: { slugs: ScopeSlugs }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { project, environment, error, base } = useProjectScope(slugs);
  const [status, setStatus] = useState<RunStatus | "">("");
  const [action, setAction] = useState<Action | "">("");
  const [componentId, setComponentId] = useState("");
  const diagram = useQuery({
    ...trpc.diagram.get.queryOptions({ projectId: project?.id ?? "" }),
    enabled: !!project,
  });
  const runs = useQuery({
    ...trpc.deployment.list.queryOptions({
      projectId: project?.id ?? "",
      environmentId: environment?.id ?? "",
      ...(status ? { status } : {}),
      ...(action ? { action } : {}),
      ...(componentId ? { componentId } : {}),
      limit: 200,
    }),
    enabled: !!environment,
    refetchInterval: (q) => (q.state.data?.some((r) => isActiveRun(r.status)) ? 1500 : 5000),
  });
  if (error)
    return (
      <p role="alert" className="p-6 text-red-700">
        {error}
      </p>
    );
  if (!project || !environment) return <p className="p-6 text-slate-500">Loading…</p>;
  const now = new Date();
  const components = diagram.data?.diagram.components ?? [];
  return (
    <div className="h-full overflow-auto">
      <div className="mx-auto max-w-6xl space-y-4 px-6 py-6">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <p className="text-sm text-slate-500">
              <Link className="text-brand-700 hover:underline" href={`${base}?env=${slugs.env}`}>
                {project.name}
              </Link>{" "}
              / {environment.slug}
            </p>
            <h1 className="text-lg font-semibold">Deployments in {environment.name}</h1>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <span className="text-slate-600">Environment</span>
            <select
              aria-label="Environment"
              className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300"
              value={environment.slug}
              onChange={(e) => router.push(deploymentsHref(base, e.target.value))}
            >
              {project.environments.map((e) => (
                <option key={e.id} value={e.slug}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="flex flex-wrap gap-3" role="search" aria-label="Filter runs">
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value as RunStatus | "")}
          >
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </SelectField>
          <SelectField
            label="Action"
            value={action}
            onChange={(e) => setAction(e.target.value as Action | "")}
          >
            <option value="">Any action</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {RUN_ACTION_LABEL[a]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Component"
            value={componentId}
            onChange={(e) => setComponentId(e.target.value)}
          >
            <option value="">Any component</option>
            {components.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </div>
        {runs.error ? (
          <p role="alert" className="text-sm text-red-700">
            {runs.error.message}
          </p>
        ) : !runs.data ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : runs.data.length === 0 ? (
          <p className="text-sm text-slate-600">No run matches.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="runs">
            <thead className="border-b border-slate-200 text-xs text-slate-500">
              <tr>
                <th className="py-2 pr-3 font-medium">#</th>
                <th className="py-2 pr-3 font-medium">Action</th>
                <th className="py-2 pr-3 font-medium">Component</th>
                <th className="py-2 pr-3 font-medium">Status</th>
                <th className="py-2 pr-3 font-medium">Who</th>
                <th className="py-2 pr-3 font-medium">Started</th>
                <th className="py-2 pr-3 font-medium">Finished</th>
                <th className="py-2 font-medium">Duration</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.data.map((r) => (
                <tr key={r.id} data-testid="run-row" data-status={r.status} data-action={r.action}>
                  <td className="py-2 pr-3 font-mono">
                    <Link
                      className="text-brand-700 hover:underline"
                      href={runHref(base, environment.slug, r.id)}
                    >
                      #{r.number}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">{RUN_ACTION_LABEL[r.action]}</td>
                  <td className="py-2 pr-3 font-mono">{r.component?.name ?? "(deleted)"}</td>
                  <td className="py-2 pr-3">
                    <RunBadge status={r.status} />
                    {r.reason ? (
                      <span className="ml-2 text-xs text-slate-600" title={r.reason}>
                        {r.reason.length > 60 ? `${r.reason.slice(0, 60)}…` : r.reason}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3">{r.createdBy?.name ?? "system"}</td>
                  <td className="py-2 pr-3 text-xs">
                    {r.startedAt ? formatUtc(r.startedAt) : "—"}
                  </td>
                  <td className="py-2 pr-3 text-xs">
                    {r.finishedAt ? formatUtc(r.finishedAt) : "—"}
                  </td>
                  <td className="py-2 tabular-nums">{duration(r.startedAt, r.finishedAt, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
