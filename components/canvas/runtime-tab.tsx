"use client";
// The Runtime tab: the environment variables the component will receive in the current
// environment, each with where it comes from (a param, a line's payload field, the metadata
// bag). Sensitive values arrive masked; owner and ops may reveal one, and each reveal is
// written to the audit trail (it then shows in the History tab).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { useCanvas } from "./canvas-context";
import { useResolution, type Resolution } from "./use-resolution";

type EnvVar = Resolution["env"][number];

/** "param port; database (line from orders-db): username, password": one phrase per origin. */
function describeSources(
  sources: EnvVar["sources"],
  connections: Resolution["connections"],
): string {
  const groups = new Map<string, string[]>();
  for (const s of sources) {
    let origin: string;
    let field: string;
    if (s.kind === "connection") {
      const c = connections.find((x) => x.slot === s.slot);
      const from =
        c?.source?.kind === "link"
          ? `line from ${c.source.from.name}`
          : c?.source?.kind === "environment-default"
            ? `default ${c.source.name}`
            : c?.source?.kind === "remote-reference"
              ? `remote reference ${c.source.label}`
              : "no line";
      origin = `${s.slot} (${from})`;
      field = s.path.split(".").slice(2).join(".");
    } else {
      // Param and metadata sources carry their path without the root (`port`, `name_prefix`).
      origin = s.kind;
      field = s.path;
    }
    groups.set(origin, [...(groups.get(origin) ?? []), field]);
  }
  return (
    [...groups].map(([origin, fields]) => `${origin}: ${fields.join(", ")}`).join("; ") ||
    "a constant"
  );
}

function Value({
  v,
  projectId,
  componentId,
  canReveal,
}: {
  v: EnvVar;
  projectId: string;
  componentId: string;
  canReveal: boolean;
}) {
  const trpc = useTRPC();
  const environmentId = useCanvas((s) => s.environmentId);
  const [shown, setShown] = useState<string | null>(null);
  const reveal = useMutation(
    trpc.access.reveal.mutationOptions({ onSuccess: (r) => setShown(r.value) }),
  );
  if (shown !== null)
    return (
      <code className="break-all text-[11px]" data-testid="revealed-value">
        {shown}
      </code>
    );
  if (v.masked) {
    return (
      <span className="flex items-center gap-2">
        <span
          className="font-mono tracking-widest text-slate-500"
          role="img"
          aria-label="masked value"
        >
          ••••••••
        </span>
        {canReveal ? (
          <Button
            variant="secondary"
            className="px-2 py-0.5 text-xs"
            disabled={reveal.isPending}
            onClick={() => reveal.mutate({ projectId, componentId, environmentId, name: v.name })}
          >
            Reveal
          </Button>
        ) : null}
        {reveal.error ? <span className="text-xs text-red-700">{reveal.error.message}</span> : null}
      </span>
    );
  }
  if (v.value === null)
    return <span className="text-xs text-amber-800">known after the upstream is deployed</span>;
  return <code className="break-all text-[11px]">{v.value === "" ? '""' : v.value}</code>;
}

export function RuntimeTab({
  projectId,
  componentId,
  canReveal,
}: {
  projectId: string;
  componentId: string;
  canReveal: boolean;
}) {
  const { data, error, isPending } = useResolution(projectId, componentId);
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (isPending || !data) return <p className="text-sm text-slate-500">Resolving…</p>;
  return (
    <div className="space-y-5">
      <section>
        <h3 className="text-sm font-semibold">Environment variables</h3>
        {data.env.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Its bundle declares none.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="env-vars">
            {data.env.map((v) => (
              <li key={v.name} className="py-2 text-sm" data-testid="env-var" data-name={v.name}>
                <div className="flex items-center justify-between gap-2">
                  <span className="font-mono font-semibold">{v.name}</span>
                  {v.sensitive ? (
                    <span className="rounded bg-red-50 px-1.5 text-[10px] text-red-800">
                      sensitive
                    </span>
                  ) : null}
                </div>
                <div className="mt-0.5">
                  <Value
                    v={v}
                    projectId={projectId}
                    componentId={componentId}
                    canReveal={canReveal}
                  />
                </div>
                <p className="mt-0.5 text-xs text-slate-500">
                  from {describeSources(v.sources, data.connections)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3 className="text-sm font-semibold">Secrets</h3>
        {data.secrets.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Its bundle declares none.</p>
        ) : (
          <ul className="mt-2 text-sm">
            {data.secrets.map((s) => (
              <li key={s.name} className="flex justify-between py-1">
                <span className="font-mono">{s.name}</span>
                <span
                  className={
                    s.set ? "text-emerald-700" : s.required ? "text-red-700" : "text-slate-500"
                  }
                >
                  {s.set ? "set" : s.required ? "not set (required)" : "not set"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3 className="text-sm font-semibold">Metadata</h3>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          <dt className="text-slate-500">name_prefix</dt>
          <dd className="font-mono" data-testid="name-prefix">
            {data.metadata.name_prefix}
          </dd>
          {Object.entries(data.metadata.default_tags).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">tag {k}</dt>
              <dd className="font-mono">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
