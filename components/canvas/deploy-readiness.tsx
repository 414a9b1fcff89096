"use client";
// What this server still needs before a component (or, without componentId, every component
// of the environment) can deploy: for local-* ones the switch, the admin connections, the
// servers answering; for Terraform/OpenTofu ones an installed binary. Says it plainly, from the
// server's own checks (deployment.readiness); shows nothing for components with nothing to check.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { useCanvas } from "./canvas-context";

export function DeployReadiness({
  projectId,
  componentId,
  environmentId: given,
}: {
  projectId: string;
  componentId?: string;
  /** Defaults to the canvas's current environment. */
  environmentId?: string;
}) {
  const trpc = useTRPC();
  const current = useCanvas((s) => s.environmentId);
  const environmentId = given ?? current;
  const readiness = useQuery({
    ...trpc.deployment.readiness.queryOptions({
      projectId,
      environmentId,
      ...(componentId ? { componentId } : {}),
    }),
    // A server may come up while the tab is open: look again now and then, not per render.
    refetchInterval: 15_000,
    refetchOnWindowFocus: true,
  });
  const checks = readiness.data?.checks ?? [];
  if (checks.length === 0) return null;
  const missing = checks.filter((c) => !c.ok);
  const recheck = (
    <button
      type="button"
      className="text-xs font-medium text-brand-700 underline disabled:opacity-50"
      disabled={readiness.isFetching}
      onClick={() => void readiness.refetch()}
    >
      {readiness.isFetching ? "Checking…" : "Check again"}
    </button>
  );
  if (missing.length === 0)
    return (
      <div
        data-testid="deploy-readiness"
        data-ready="true"
        className="flex flex-wrap items-center gap-2 text-xs text-emerald-800"
      >
        <span>Ready to provision on this machine — {checks.map((c) => c.message).join(" · ")}</span>
        {recheck}
      </div>
    );
  return (
    <div
      data-testid="deploy-readiness"
      data-ready="false"
      role="status"
      className="rounded-md bg-amber-50 p-3 text-amber-950 ring-1 ring-amber-200"
    >
      <p className="text-sm font-medium">This server can't deploy this yet</p>
      <ul className="mt-1 space-y-1">
        {missing.map((c) => (
          <li
            key={c.name}
            data-testid="readiness-check"
            data-name={c.name}
            className="break-words text-xs"
          >
            {c.message}
          </li>
        ))}
      </ul>
      <div className="mt-2">{recheck}</div>
    </div>
  );
}
