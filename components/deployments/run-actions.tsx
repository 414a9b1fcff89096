"use client";
// What a finished run offers next: a reviewed plan is applied as it is (the server refuses if
// anything changed since), and a succeeded apply can be re-deployed (its params set back).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { refreshAfterWrite } from "@/components/refresh-after-write";

interface Target {
  projectId: string;
  environmentId: string;
  deploymentId: string;
}

export function ApplyPlanButton({
  target,
  componentId,
  onQueued,
}: {
  target: Target;
  componentId: string;
  onQueued: (deploymentId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apply = useMutation(
    trpc.deployment.request.mutationOptions({
      onSuccess: (d) => {
        void refreshAfterWrite(queryClient, [trpc.deployment.pathKey()]);
        onQueued(d.id);
      },
    }),
  );
  return (
    <span className="flex items-center gap-2">
      {apply.error ? (
        <span role="alert" className="max-w-md text-xs text-red-700">
          {apply.error.message}
        </span>
      ) : null}
      <Button
        disabled={apply.isPending}
        onClick={() =>
          apply.mutate({
            projectId: target.projectId,
            environmentId: target.environmentId,
            componentId,
            action: "apply",
            planId: target.deploymentId,
          })
        }
      >
        Apply this plan
      </Button>
    </span>
  );
}

export function RedeployButton({
  target,
  onQueued,
}: {
  target: Target;
  onQueued: (deploymentId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const redeploy = useMutation(
    trpc.deployment.redeploy.mutationOptions({
      onSuccess: (d) => {
        void refreshAfterWrite(queryClient, [trpc.deployment.pathKey()]);
        onQueued(d.id);
      },
    }),
  );
  return (
    <span className="flex items-center gap-2">
      {redeploy.error ? (
        <span role="alert" className="max-w-md text-xs text-red-700">
          {redeploy.error.message}
        </span>
      ) : null}
      <Button
        variant="secondary"
        disabled={redeploy.isPending}
        title="Apply this run's params again (a rollback when it is an older one)"
        onClick={() => redeploy.mutate(target)}
      >
        Re-deploy
      </Button>
    </span>
  );
}
