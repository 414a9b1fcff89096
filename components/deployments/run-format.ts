// How runs read on screen: status colours, durations, and where a run's page lives.
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["deployment"];
export type Run = Outputs["get"];
export type RunStatus = Run["status"];

export const RUN_STATUSES: RunStatus[] = [
  "queued",
  "running",
  "planned",
  "succeeded",
  "failed",
  "aborted",
];

export const RUN_TONE: Record<RunStatus, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  planned: "bg-indigo-100 text-indigo-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  aborted: "bg-amber-100 text-amber-900",
};

export type RunAction = Run["action"];

/** How an action reads: a drift check changes nothing, so it is not called a deployment. */
export const RUN_ACTION_LABEL: Record<RunAction, string> = {
  plan: "plan",
  apply: "apply",
  destroy: "destroy",
  drift: "drift check",
};

export const isActiveRun = (status: RunStatus) => status === "queued" || status === "running";

/** "4s", "1m 05s", "2h 03m": how long a run took, or has taken so far. */
export function duration(from: Date | null, to: Date | null, now: Date): string {
  if (!from) return "—";
  const seconds = Math.max(0, Math.round(((to ?? now).getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

/** `/o/<org>/p/<project>` from a path inside a project, or null outside one. */
export function projectBase(pathname: string): string | null {
  return /^\/o\/[^/]+\/p\/[^/]+/.exec(pathname)?.[0] ?? null;
}

export const deploymentsHref = (base: string, environmentSlug: string) =>
  `${base}/e/${encodeURIComponent(environmentSlug)}/deployments`;

export const runHref = (base: string, environmentSlug: string, deploymentId: string) =>
  `${deploymentsHref(base, environmentSlug)}/${encodeURIComponent(deploymentId)}`;
