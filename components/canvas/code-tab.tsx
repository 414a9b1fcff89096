"use client";
// The Code tab: what a deployment of this component will receive in the current environment,
// as the files the runner writes (params, each line's payload with its grants, the metadata bag)
// — the server builds them with the runner's own function. Secrets appear by name only.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc";
import { CodeBlock } from "@/components/ui/code-block";
import { useCanvas } from "./canvas-context";

export function CodeTab({ projectId, componentId }: { projectId: string; componentId: string }) {
  const trpc = useTRPC();
  const environmentId = useCanvas((s) => s.environmentId);
  const saved = useCanvas((s) => (s.pending === 0 ? s.revision : null));
  const { data, error, isPending, refetch } = useQuery({
    ...trpc.access.code.queryOptions({ projectId, componentId, environmentId }),
    staleTime: 0,
  });
  // A save changes what a deployment would receive: read it again.
  const seen = useRef(saved);
  useEffect(() => {
    if (saved === null || saved === seen.current) return;
    seen.current = saved;
    void refetch();
  }, [saved, refetch]);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (isPending || !data) return <p className="text-sm text-slate-500">Generating…</p>;
  const iac = data.provisioner === "opentofu" || data.provisioner === "terraform";
  return (
    <div className="space-y-4" data-testid="code-tab">
      <p className="text-xs text-slate-600">
        {iac
          ? `What ${data.provisioner} receives when ${data.component} is deployed to ${data.environment}: the variable files the runner writes into ${data.bundle.name}@${data.bundle.version}.`
          : `What a deployment of ${data.component} to ${data.environment} receives (its ${data.provisioner ?? "bundle"} step reads the same values).`}{" "}
        Secrets are written by name, never by value.
      </p>
      {data.files.map((f) => (
        <section key={f.name}>
          <h3 className="font-mono text-xs font-semibold">{f.name}</h3>
          <CodeBlock text={f.content} title={f.name} download={f.name} testId="tfvars" />
        </section>
      ))}
      {data.withheld.length > 0 ? (
        <p className="text-xs text-slate-600" data-testid="withheld">
          By name only: {data.withheld.join(", ")}.
        </p>
      ) : null}
      {data.afterDeployment.length > 0 ? (
        <p className="text-xs text-amber-800">
          Known only after the upstream is deployed: {data.afterDeployment.join(", ")}.
        </p>
      ) : null}
      <section>
        <h3 className="text-sm font-semibold">Secrets</h3>
        {data.secrets.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Its bundle declares none.</p>
        ) : (
          <ul className="mt-1 text-sm" data-testid="code-secrets">
            {data.secrets.map((s) => (
              <li key={s.name} className="flex justify-between py-0.5">
                <span className="font-mono">{s.name}</span>
                <span className="text-xs text-slate-500">
                  {s.set
                    ? "set (value never shown)"
                    : s.required
                      ? "not set (required)"
                      : "not set"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
