"use client";
// The canvas's deployment corner: the environment's Deployments view, and for developers and
// above "Deploy environment" (plan all, review, apply all), "Check drift" (every deployed
// component) and "Destroy environment" (typed confirmation: the environment's slug).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { CheckEnvironmentDrift } from "./check-environment-drift";
import { DeployEnvironmentDialog } from "./deploy-environment";
import { deploymentsHref, projectBase, runHref } from "./run-format";
import { TypedConfirm } from "./typed-confirm";

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
  const destroy = useMutation(
    trpc.deployment.deployEnvironment.mutationOptions({
      onSuccess: () => {
        setOpen(null);
        void queryClient.invalidateQueries({ queryKey: trpc.deployment.pathKey() });
      },
    }),
  );
  return (
    <div className="absolute right-3 top-3 z-10 flex items-center gap-1 rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200">
      <Link
        href={deploymentsHref(base, environment.slug)}
        className={`${SMALL} text-brand-700 hover:bg-slate-100`}
      >
        Deployments
      </Link>
      {canDeploy ? (
        <>
          <button
            type="button"
            className={`${SMALL} bg-brand-600 text-white hover:bg-brand-700`}
            onClick={() => setOpen("deploy")}
          >
            Deploy environment
          </button>
          <CheckEnvironmentDrift
            scope={scope}
            className={`${SMALL} text-brand-700 hover:bg-slate-100`}
          />
          <button
            type="button"
            className={`${SMALL} text-red-700 hover:bg-red-50`}
            onClick={() => {
              destroy.reset();
              setOpen("destroy");
            }}
          >
            Destroy environment
          </button>
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
