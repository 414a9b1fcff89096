"use client";
// "Check drift" for a whole environment: one drift check queued per deployed component (those
// with a run already queued or running are skipped, said by name). The badges on the nodes
// appear as the checks end.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";

export function CheckEnvironmentDrift({
  scope,
  className,
}: {
  scope: { projectId: string; environmentId: string };
  className: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const check = useMutation(
    trpc.deployment.checkDrift.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.deployment.pathKey() });
      },
    }),
  );
  const queued = check.data?.runs.length ?? 0;
  const skipped = check.data?.skipped ?? [];
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={check.isPending}
        title="Compare what runs with what the last apply left, for every deployed component"
        onClick={() => check.mutate(scope)}
      >
        Check drift
      </button>
      <span role="status" className="text-xs text-slate-600" data-testid="environment-drift-status">
        {check.error
          ? check.error.message
          : check.data
            ? `${queued} check${queued === 1 ? "" : "s"} queued${
                skipped.length > 0
                  ? `; skipped ${skipped.map((s) => `${s.component} (${s.reason})`).join(", ")}`
                  : ""
              }`
            : ""}
      </span>
    </>
  );
}
