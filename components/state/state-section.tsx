"use client";
// The Deploy tab's State section: the instance's Terraform states (Patchbay's http state backend),
// each with its lock holder (Force unlock for ops and owners), its history and diff, and the
// backend block that points a root module on a terminal at it (with an API token).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatUtc } from "@/components/audit/format";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { StateHistory } from "./state-history";
import { refreshAfterWrite } from "@/components/refresh-after-write";

interface Target {
  projectId: string;
  componentId: string;
  environmentId: string;
}

function CopyBlock({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <pre
        data-testid="state-backend-block"
        className="overflow-x-auto rounded-md bg-slate-900 p-2 font-mono text-[11px] leading-4 text-slate-100"
      >
        {text}
      </pre>
      <div className="flex items-center gap-2">
        <Button
          variant="secondary"
          className="px-2 py-1 text-xs"
          onClick={() =>
            void navigator.clipboard?.writeText(text).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            })
          }
        >
          {copied ? "Copied" : "Copy backend block"}
        </Button>
        <span className="text-xs text-slate-500">
          username: anything · password: an API token (ops or owner to apply; viewer to read with
          terraform_remote_state), e.g. in TF_HTTP_PASSWORD
        </span>
      </div>
    </div>
  );
}

export function StateSection({
  target,
  canOps,
  environment,
}: {
  target: Target;
  canOps: boolean;
  /** The environment's slug, for links to runs. */
  environment: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.state.list.queryOptions(target));
  const unlock = useMutation(
    trpc.state.forceUnlock.mutationOptions({
      onSuccess: () => refreshAfterWrite(queryClient, [trpc.state.list.pathKey()]),
    }),
  );
  return (
    <section aria-label="State" className="space-y-3" data-testid="state-section">
      <h3 className="text-sm font-semibold">Terraform state</h3>
      {list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : !list.data ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : !list.data.instanceId ? (
        <p className="text-sm text-slate-600">
          This component has no instance in this environment yet: configure or deploy it first.
        </p>
      ) : (
        list.data.states.map((state) => (
          <div key={state.step} className="space-y-2" data-testid="state" data-step={state.step}>
            <p className="text-xs text-slate-700">
              Step <span className="font-mono">{state.step}</span>
              {state.latest
                ? ` · version ${state.latest.version}, serial ${state.latest.serial}`
                : " · no state stored yet"}
            </p>
            {state.lock ? (
              <div
                className="rounded-md bg-amber-50 p-2 text-xs text-amber-950 ring-1 ring-amber-200"
                data-testid="state-lock"
              >
                <p>
                  Locked by <span className="font-medium">{state.lock.who || "someone"}</span> (
                  {state.lock.operation.replace(/^OperationType/, "") || "lock"}) since{" "}
                  {formatUtc(new Date(state.lock.created))}
                  {state.lock.deploymentId ? " for a run" : ""} · ID{" "}
                  <span className="font-mono">{state.lock.id}</span>
                </p>
                {canOps ? (
                  <Button
                    variant="secondary"
                    className="mt-1 px-2 py-1 text-xs"
                    disabled={unlock.isPending}
                    onClick={() => {
                      if (window.confirm("Release this lock? Its holder may still be writing."))
                        unlock.mutate({ ...target, step: state.step });
                    }}
                  >
                    Force unlock
                  </Button>
                ) : null}
              </div>
            ) : null}
            {unlock.error ? (
              <p role="alert" className="text-xs text-red-700">
                {unlock.error.message}
              </p>
            ) : null}
            {state.latest ? (
              <StateHistory
                target={{ ...target, step: state.step }}
                canOps={canOps}
                environment={environment}
              />
            ) : null}
            <CopyBlock text={state.backend} />
          </div>
        ))
      )}
    </section>
  );
}
