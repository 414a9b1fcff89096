"use client";
// "Deploy environment": every component is planned at once, the plans are summarised as they
// finish (per component: status and changes), then "Apply all" applies them in the order of
// the lines (the server orders and gates them) and the dialog follows the applies.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { BatchRuns, useBatchRuns } from "./batch-runs";
import { isActiveRun } from "./run-format";
import { refreshAfterWrite } from "@/components/refresh-after-write";

export function DeployEnvironmentDialog({
  scope,
  environmentName,
  href,
  onClose,
}: {
  scope: { projectId: string; environmentId: string };
  environmentName: string;
  href: (deploymentId: string) => string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => void refreshAfterWrite(queryClient, [trpc.deployment.pathKey()]);
  const plan = useMutation(
    trpc.deployment.deployEnvironment.mutationOptions({ onSuccess: refresh }),
  );
  const apply = useMutation(
    trpc.deployment.deployEnvironment.mutationOptions({ onSuccess: refresh }),
  );
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    plan.mutate({ ...scope, action: "plan" });
  }, [plan, scope]);
  const plans = useBatchRuns(scope, plan.data?.runs.map((r) => r.id) ?? []);
  const applies = useBatchRuns(scope, apply.data?.runs.map((r) => r.id) ?? []);
  const planned = plans.length > 0 && plans.every((q) => q.data && !isActiveRun(q.data.status));
  const plannedOk = planned && plans.every((q) => q.data?.status === "planned");
  const applied = applies.length > 0 && applies.every((q) => q.data && !isActiveRun(q.data.status));
  const error = plan.error ?? apply.error;
  return (
    <Modal title={`Deploy ${environmentName}`} onClose={onClose} wide>
      <div className="space-y-4" data-testid="deploy-environment">
        <section className="space-y-2">
          <h3 className="text-sm font-semibold">
            Plan {planned ? "" : <span className="font-normal text-slate-500">(running…)</span>}
          </h3>
          {plan.data ? (
            <BatchRuns runs={plans} href={href} testId="plan-summary" />
          ) : plan.isPending ? (
            <p className="text-sm text-slate-500">Planning every component…</p>
          ) : null}
        </section>
        {apply.data ? (
          <section className="space-y-2">
            <h3 className="text-sm font-semibold">
              Apply{" "}
              {applied ? (
                ""
              ) : (
                <span className="font-normal text-slate-500">(in dependency order…)</span>
              )}
            </h3>
            <BatchRuns runs={applies} href={href} testId="apply-summary" />
          </section>
        ) : null}
        {error ? (
          <p role="alert" className="break-words text-sm text-red-700">
            {error.message}
          </p>
        ) : null}
        {planned && !plannedOk && !apply.data ? (
          <p className="text-sm text-amber-800">A plan did not finish: fix it before applying.</p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {applied ? "Close" : "Cancel"}
          </Button>
          {apply.data ? null : (
            <Button
              disabled={!plannedOk || apply.isPending}
              onClick={() => apply.mutate({ ...scope, action: "apply" })}
            >
              Apply all
            </Button>
          )}
        </div>
      </div>
    </Modal>
  );
}
