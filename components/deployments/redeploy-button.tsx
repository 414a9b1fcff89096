"use client";
// Re-deploying a finished apply: a new apply of that run's frozen snapshot (a rollback when
// the run is an older one). Waits for the server's deployment.redeploy.
import { Button } from "@/components/ui/button";

export function RedeployButton(_: {
  target: { projectId: string; environmentId: string; deploymentId: string };
  onDone: (deploymentId: string) => void;
}) {
  return (
    <Button variant="secondary" disabled title="Re-deploy is not available yet">
      Re-deploy
    </Button>
  );
}
