"use client";
// The canvas's deployment corner: the environment's Deployments view, and for developers and
// above "Deploy environment" (plan all, review, apply all) plus a menu with "Check drift" (every
// deployed component) and "Destroy environment" (typed confirmation: the environment's slug).
// Kept narrow so it never covers the canvas toolbar when the inspector narrows the canvas.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MoreHorizontal } from "lucide-react";
import { IntentLink } from "@/components/ui/intent-link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Menu } from "@/components/ui/menu";
import { EnvironmentDriftStatus, useEnvironmentDriftCheck } from "./check-environment-drift";
import { DeployEnvironmentDialog } from "./deploy-environment";
import { deploymentsHref, projectBase, runHref } from "./run-format";
import { TypedConfirm } from "./typed-confirm";
import { refreshAfterWrite } from "@/components/refresh-after-write";

const SMALL =
  "rounded px-2 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600";

export function DeployPanel({
  projectId,
  environment,
  canDeploy,
}: {
  projectId: string;
  environment: { id: string; slug: string; name: string };
  canDeploy: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const base = projectBase(usePathname()) ?? "";
  const [open, setOpen] = useState<"deploy" | "destroy" | null>(null);
  const scope = { projectId, environmentId: environment.id };
  const drift = useEnvironmentDriftCheck(scope);
  const destroy = useMutation(
    trpc.deployment.deployEnvironment.mutationOptions({
      onSuccess: () => {
        setOpen(null);
        void refreshAfterWrite(queryClient, [trpc.deployment.pathKey()]);
      },
    }),
  );
  return (
    <div className="absolute right-3 top-3 z-10 flex items-center gap-1 rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200">
      <IntentLink
        href={deploymentsHref(base, environment.slug)}
        className={`${SMALL} text-brand-700 hover:bg-slate-100`}
      >
        Deployments
      </IntentLink>
      {canDeploy ? (
        <>
          <button
            type="button"
            className={`${SMALL} bg-brand-600 text-white hover:bg-brand-700`}
            onClick={() => setOpen("deploy")}
          >
            Deploy environment
          </button>
          <Menu
            label="More environment actions"
            icon={<MoreHorizontal className="h-4 w-4" />}
            items={[
              {
                label: "Check drift",
                title:
                  "Compare what runs with what the last apply left, for every deployed component",
                onSelect: () => {
                  if (!drift.pending) drift.run();
                },
              },
              {
                label: "Destroy environment",
                tone: "danger",
                onSelect: () => {
                  destroy.reset();
                  setOpen("destroy");
                },
              },
            ]}
          />
          <EnvironmentDriftStatus status={drift.status} />
        </>
      ) : null}
      {open === "deploy" ? (
        <DeployEnvironmentDialog
          scope={scope}
          environmentName={environment.name}
          href={(id) => runHref(base, environment.slug, id)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === "destroy" ? (
        <TypedConfirm
          title={`Destroy ${environment.name}?`}
          expected={environment.slug}
          confirmLabel="Destroy environment"
          pending={destroy.isPending}
          error={destroy.error?.message ?? null}
          onCancel={() => setOpen(null)}
          onConfirm={(confirm) => destroy.mutate({ ...scope, action: "destroy", confirm })}
        >
          Every component of {environment.name} is destroyed, consumers first: databases and their
          data, users, processes. This cannot be undone.
        </TypedConfirm>
      ) : null}
    </div>
  );
}
