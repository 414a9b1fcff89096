"use client";
// One run: what it is, who asked, its status (followed while it is queued or running), why it
// failed or was aborted, its plan, its log as it is written, its outputs and the inputs it was
// frozen with. Developers and above may abort a queued or running run, apply a reviewed plan,
// and re-deploy a succeeded apply.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { formatUtc } from "@/components/audit/format";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { atLeast } from "@/server/domain/roles";
import { useRouter } from "next/navigation";
import { ApplyPlanButton, RedeployButton } from "./run-actions";
import { RunBadge } from "./run-badge";
import { RunChanges, RunInputs, RunOutputs } from "./run-details";
import {
  deploymentsHref,
  duration,
  isActiveRun,
  RUN_ACTION_LABEL,
  type Run,
  runHref,
} from "./run-format";
import { RunLogs } from "./run-logs";
import { type ScopeSlugs, useProjectScope } from "./use-project-scope";
import { refreshAfterWrite } from "@/components/refresh-after-write";

function Meta({ run, href }: { run: Run; href: (id: string) => string }) {
  const rows: [string, React.ReactNode][] = [
    ["Requested by", run.createdBy?.name ?? "system"],
    ["Requested", formatUtc(run.createdAt)],
    ["Started", run.startedAt ? formatUtc(run.startedAt) : "—"],
    ["Finished", run.finishedAt ? formatUtc(run.finishedAt) : "—"],
    ["Duration", duration(run.startedAt, run.finishedAt, new Date())],
    ["Bundle version", run.bundleVersion ?? "—"],
  ];
  if (run.planId)
    rows.push([
      "Applies plan",
      <Link key="p" className="text-brand-700 hover:underline" href={href(run.planId)}>
        {run.planId}
      </Link>,
    ]);
  if (run.rollbackOfId)
    rows.push([
      "Re-deploys",
      <Link key="r" className="text-brand-700 hover:underline" href={href(run.rollbackOfId)}>
        {run.rollbackOfId}
      </Link>,
    ]);
  if (run.batchId)
    rows.push([
      "Whole-environment run",
      <span key="b" className="font-mono">
        {run.batchId}
      </span>,
    ]);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RunPage({ slugs, deploymentId }: { slugs: ScopeSlugs; deploymentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { project, environment, error, base } = useProjectScope(slugs);
  const target = {
    projectId: project?.id ?? "",
    environmentId: environment?.id ?? "",
    deploymentId,
  };
  const run = useQuery({
    ...trpc.deployment.get.queryOptions(target),
    enabled: !!environment,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && !isActiveRun(q.state.data.status) ? false : 1000),
  });
  const abort = useMutation(
    trpc.deployment.abort.mutationOptions({
      onSuccess: () => void refreshAfterWrite(queryClient, [trpc.deployment.pathKey()]),
    }),
  );
  const problem = error ?? run.error?.message;
  if (problem)
    return (
      <p role="alert" className="p-6 text-red-700">
        {problem}
      </p>
    );
  if (!project || !environment || !run.data) return <p className="p-6 text-slate-500">Loading…</p>;
  const r = run.data;
  const active = isActiveRun(r.status);
  const canAct = atLeast(project.role, "developer");
  const href = (id: string) => runHref(base, environment.slug, id);
  return (
    <div className="h-full overflow-auto">
      <div
        className="mx-auto max-w-5xl space-y-6 px-6 py-6"
        data-testid="run-page"
        data-status={r.status}
      >
        <div className="space-y-1">
          <p className="text-sm text-slate-500">
            <Link
              className="text-brand-700 hover:underline"
              href={`${base}?env=${environment.slug}`}
            >
              {project.name}
            </Link>{" "}
            /{" "}
            <Link
              className="text-brand-700 hover:underline"
              href={deploymentsHref(base, environment.slug)}
            >
              Deployments in {environment.slug}
            </Link>
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-lg font-semibold">
              {RUN_ACTION_LABEL[r.action]} #{r.number}
              <span className="ml-2 font-mono">{r.component?.name ?? "(deleted component)"}</span>
            </h1>
            <RunBadge status={r.status} />
            {r.abortRequested && active ? (
              <span className="text-xs text-amber-800">abort requested</span>
            ) : null}
            <div className="ml-auto flex gap-2">
              {canAct && active ? (
                <Button
                  variant="secondary"
                  disabled={abort.isPending || r.abortRequested}
                  onClick={() => abort.mutate(target)}
                >
                  Abort
                </Button>
              ) : null}
              {canAct && r.action === "plan" && r.status === "planned" && r.component ? (
                <ApplyPlanButton
                  target={target}
                  componentId={r.component.id}
                  onQueued={(id) => router.push(href(id))}
                />
              ) : null}
              {canAct && r.action === "apply" && r.status === "succeeded" ? (
                <RedeployButton target={target} onQueued={(id) => router.push(href(id))} />
              ) : null}
            </div>
          </div>
          {r.message ? <p className="text-sm text-slate-700">{r.message}</p> : null}
          {abort.error ? (
            <p role="alert" className="text-sm text-red-700">
              {abort.error.message}
            </p>
          ) : null}
        </div>
        {r.reason ? (
          <p
            className={`rounded-md p-3 text-sm ring-1 ${r.status === "failed" ? "bg-red-50 text-red-900 ring-red-200" : "bg-amber-50 text-amber-950 ring-amber-200"}`}
            data-testid="run-reason"
          >
            {r.reason}
          </p>
        ) : null}
        <Meta run={r} href={href} />
        {r.changes ? <RunChanges changes={r.changes} /> : null}
        <RunLogs target={target} active={active} />
        {r.outputs ? <RunOutputs outputs={r.outputs} /> : null}
        <RunInputs inputs={r.inputs} />
      </div>
    </div>
  );
}
