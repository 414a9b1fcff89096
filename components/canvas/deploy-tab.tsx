"use client";
// The Deploy tab: request a plan or an apply of the selected component in the current
// environment, and its deployments so far. What blocks a request is computed with the same
// pure rule the server enforces (server/domain/deployments/blockers.ts), over the resolution
// the Access and Runtime tabs show, so a disabled button says why; the server decides again.
// A request becomes a run a worker picks up; its status shows on the node and in the list.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import {
  deploymentBlockers,
  describeBlocker,
  type DeploymentBlocker,
  type RequestableAction,
} from "@/server/domain/deployments/blockers";
import { DestroyComponent } from "@/components/deployments/destroy-component";
import { StateSection } from "@/components/state/state-section";
import { atLeast } from "@/server/domain/roles";
import { useCanvas } from "./canvas-context";
import { useResolution } from "./use-resolution";
import { DeploymentList } from "./deployment-list";
import { DeployReadiness } from "./deploy-readiness";
import { DriftPanel } from "./drift-panel";
import { refreshAfterWrite } from "@/components/refresh-after-write";

interface Props {
  projectId: string;
  componentId: string;
  /** Shows the Secrets section of the Configure tab. */
  onOpenSecrets: () => void;
}

/** Where to fix what blocks, in the UI's words. */
function Pointer({
  blocker,
  onOpenSecrets,
}: {
  blocker: DeploymentBlocker;
  onOpenSecrets: () => void;
}) {
  const slot = blocker.field.split(".").slice(1).join(".");
  switch (blocker.rule) {
    case "missing-secret":
      return (
        <button
          type="button"
          className="text-xs font-medium text-brand-700 underline"
          onClick={onOpenSecrets}
        >
          Set {slot} under Configure → Secrets
        </button>
      );
    case "missing-param":
      return <span className="text-xs text-slate-600">Fill “{slot}” under Configure.</span>;
    case "missing-required":
      return (
        <span className="text-xs text-slate-600">
          Draw a line into “{slot}” on the canvas, or ask ops for an environment default (project
          Settings).
        </span>
      );
    case "unknown-policy":
      return (
        <span className="text-xs text-slate-600">
          Click the line into “{slot}” and choose a policy it offers.
        </span>
      );
    case "unknown-slot":
      return (
        <span className="text-xs text-slate-600">
          Remove the line, or pick a bundle version that has this slot.
        </span>
      );
    default:
      return null;
  }
}

const same = (a: DeploymentBlocker, b: DeploymentBlocker) =>
  a.field === b.field && a.rule === b.rule;

/**
 * What blocks both actions, then what blocks only an apply (upstreams not deployed yet: a
 * plan previews them). Each line is the server's own wording of the refusal.
 */
function Blockers({
  plan,
  apply,
  environment,
  onOpenSecrets,
}: {
  plan: DeploymentBlocker[];
  apply: DeploymentBlocker[];
  environment: string;
  onOpenSecrets: () => void;
}) {
  const applyOnly = apply.filter((b) => !plan.some((p) => same(p, b)));
  const group = (blockers: DeploymentBlocker[], blocks: "both" | "apply") => (
    <ul className="mt-1 space-y-2">
      {blockers.map((b) => (
        <li
          key={`${b.field}/${b.rule}`}
          data-testid="deploy-blocker"
          data-field={b.field}
          data-rule={b.rule}
          data-blocks={blocks}
          className="text-sm"
        >
          <p className="break-words font-mono text-xs">{describeBlocker(b)}</p>
          <Pointer blocker={b} onOpenSecrets={onOpenSecrets} />
        </li>
      ))}
    </ul>
  );
  return (
    <div className="space-y-3" data-testid="deploy-blockers">
      {plan.length > 0 ? (
        <div className="rounded-md bg-amber-50 p-3 text-amber-950 ring-1 ring-amber-200">
          <p className="text-sm font-medium">
            Blocked in {environment}: neither Plan nor Deploy until this is fixed
          </p>
          {group(plan, "both")}
        </div>
      ) : null}
      {applyOnly.length > 0 ? (
        <div className="rounded-md bg-slate-50 p-3 text-slate-800 ring-1 ring-slate-200">
          <p className="text-sm font-medium">
            Deploy waits for its upstreams; a Plan can use their previews
          </p>
          {group(applyOnly, "apply")}
        </div>
      ) : null}
    </div>
  );
}

export function DeployTab({ projectId, componentId, onOpenSecrets }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const environmentId = useCanvas((s) => s.environmentId);
  const environment = useCanvas((s) => s.environments.find((e) => e.id === environmentId));
  const readOnly = useCanvas((s) => s.readOnly);
  const role = useCanvas((s) => s.role);
  const componentName = useCanvas(
    (s) => s.diagram.components.find((c) => c.id === componentId)?.name ?? "",
  );
  const setStatus = useCanvas((s) => s.setStatus);
  const resolution = useResolution(projectId, componentId);
  const [message, setMessage] = useState("");
  const messageId = useId();
  const request = useMutation(
    trpc.deployment.request.mutationOptions({
      onSuccess: (d) => {
        setMessage("");
        setStatus({ componentId, environmentId, status: d.instanceStatus });
        void refreshAfterWrite(queryClient, [trpc.deployment.list.pathKey()]);
      },
    }),
  );
  const slug = environment?.slug ?? "";
  const blockersOf = (action: RequestableAction) =>
    resolution.data
      ? deploymentBlockers({ action, environment: slug, resolution: resolution.data })
      : null;
  const plan = blockersOf("plan");
  const apply = blockersOf("apply");

  function submit(action: RequestableAction) {
    request.mutate({
      projectId,
      componentId,
      environmentId,
      action,
      message: message.trim() || undefined,
    });
  }

  return (
    <div className="space-y-5">
      <section aria-label="Deploy" className="space-y-3">
        <h3 className="text-sm font-semibold">Deploy to {slug}</h3>
        <p className="text-xs text-slate-600">
          A run is queued with a frozen snapshot of what this component resolves to now (params,
          lines, metadata; sensitive values as fingerprints), then runs as soon as a worker is free.
        </p>
        {resolution.error ? (
          <p role="alert" className="text-sm text-red-700">
            {resolution.error.message}
          </p>
        ) : null}
        {plan && apply && apply.length > 0 ? (
          <Blockers plan={plan} apply={apply} environment={slug} onOpenSecrets={onOpenSecrets} />
        ) : null}
        <DeployReadiness projectId={projectId} componentId={componentId} />
        {readOnly ? (
          <p className="text-xs text-slate-500">
            Your role can't request deployments (developer or above).
          </p>
        ) : (
          <form
            className="space-y-2"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              submit("plan");
            }}
          >
            <label htmlFor={messageId} className="block text-xs font-medium text-slate-700">
              Message (optional)
            </label>
            <input
              id={messageId}
              value={message}
              maxLength={500}
              onChange={(e) => setMessage(e.target.value)}
              className="block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
            />
            <div className="flex gap-2">
              <Button
                type="submit"
                variant="secondary"
                disabled={!plan || plan.length > 0 || request.isPending}
              >
                Plan
              </Button>
              <Button
                disabled={!apply || apply.length > 0 || request.isPending}
                onClick={() => submit("apply")}
              >
                Deploy
              </Button>
            </div>
          </form>
        )}
        {readOnly ? null : (
          // Outside the request form: its confirmation is a form of its own.
          <DestroyComponent
            target={{ projectId, componentId, environmentId }}
            name={componentName}
            environment={slug}
            onQueued={(status) => setStatus({ componentId, environmentId, status })}
          />
        )}
        {request.data ? (
          <p role="status" data-testid="deploy-status" className="text-sm text-emerald-800">
            Queued {request.data.action} #{request.data.number} for {request.data.environment.slug}.
          </p>
        ) : null}
        {request.error ? (
          <p role="alert" data-testid="deploy-error" className="break-words text-sm text-red-700">
            {request.error.message}
          </p>
        ) : null}
      </section>
      <DriftPanel projectId={projectId} componentId={componentId} />
      <DeploymentList
        projectId={projectId}
        componentId={componentId}
        environmentId={environmentId}
        environment={slug}
      />
      <StateSection
        target={{ projectId, componentId, environmentId }}
        canOps={!!role && atLeast(role, "ops")}
        environment={slug}
      />
    </div>
  );
}
