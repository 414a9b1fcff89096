"use client";
// "Check drift" for a whole environment: one drift check queued per deployed component (those
// with a run already queued or running are skipped, said by name). The badges on the nodes
// appear as the checks end; the status line says what was queued.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { refreshAfterWrite } from "@/components/refresh-after-write";

export function useEnvironmentDriftCheck(scope: { projectId: string; environmentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const check = useMutation(
    trpc.deployment.checkDrift.mutationOptions({
      onSuccess: () => {
        void refreshAfterWrite(queryClient, [trpc.deployment.pathKey()]);
      },
    }),
  );
  const queued = check.data?.runs.length ?? 0;
  const skipped = check.data?.skipped ?? [];
  const status = check.error
    ? check.error.message
    : check.data
      ? `${queued} check${queued === 1 ? "" : "s"} queued${
          skipped.length > 0
            ? `; skipped ${skipped.map((s) => `${s.component} (${s.reason})`).join(", ")}`
            : ""
        }`
      : "";
  return { run: () => check.mutate(scope), pending: check.isPending, status };
}

export function EnvironmentDriftStatus({ status }: { status: string }) {
  return (
    <span
      role="status"
      className={`absolute right-0 top-full mt-1 max-w-80 text-right text-xs text-slate-700 ${
        status ? "rounded bg-white/90 px-2 py-0.5 shadow-sm" : ""
      }`}
      data-testid="environment-drift-status"
    >
      {status}
    </span>
  );
}
