"use client";
// What a run was given and what it produced, as stored: frozen params, connection payloads
// and env vars (sensitive values as `{ fingerprint }` markers, shown masked), secrets by name
// only, a plan's resource changes, an apply's outputs (masked the same way).
import type { ReactNode } from "react";
import type { Run } from "./run-format";

const isMarker = (v: unknown): v is { fingerprint: string } =>
  typeof v === "object" &&
  v !== null &&
  Object.keys(v).length === 1 &&
  typeof (v as { fingerprint?: unknown }).fingerprint === "string";

function Masked({ fingerprint }: { fingerprint: string | null }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span
        className="font-mono tracking-widest text-slate-500"
        role="img"
        aria-label="masked value"
      >
        ••••••••
      </span>
      {fingerprint ? (
        <span className="font-mono text-[10px] text-slate-400" title="fingerprint">
          {fingerprint}
        </span>
      ) : null}
    </span>
  );
}

/** A payload's fields, flattened to dotted paths; markers shown masked. */
function Fields({ value, testId }: { value: Record<string, unknown>; testId?: string }) {
  const rows: [string, unknown][] = [];
  const walk = (v: unknown, path: string) => {
    if (isMarker(v) || typeof v !== "object" || v === null || Array.isArray(v))
      rows.push([path, v]);
    else for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
  };
  walk(value, "");
  if (rows.length === 0) return <p className="text-xs text-slate-500">None.</p>;
  return (
    <dl
      className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1 text-xs"
      data-testid={testId}
    >
      {rows.map(([path, v]) => (
        <div key={path} className="contents" data-testid="field" data-path={path}>
          <dt className="font-mono text-slate-600">{path}</dt>
          <dd className="break-all font-mono">
            {isMarker(v) ? <Masked fingerprint={v.fingerprint} /> : JSON.stringify(v)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-medium text-slate-700">{title}</h3>
      {children}
    </div>
  );
}

export function RunInputs({ inputs }: { inputs: Run["inputs"] }) {
  if (!inputs) return <p className="text-sm text-slate-500">This run has no recorded inputs.</p>;
  return (
    <section aria-label="Inputs" className="space-y-3">
      <h2 className="font-semibold">
        Frozen inputs
        {inputs.bundle ? (
          <span className="ml-2 font-mono text-xs font-normal text-slate-500">
            {inputs.bundle.name}@{inputs.bundle.version}
          </span>
        ) : null}
      </h2>
      <Block title="Params">
        <Fields value={inputs.params} testId="run-params" />
      </Block>
      <Block title="Connections">
        {inputs.connections.length === 0 ? (
          <p className="text-xs text-slate-500">None.</p>
        ) : (
          inputs.connections.map((c) => (
            <div key={c.slot} className="rounded-md bg-slate-50 p-2" data-testid="run-connection">
              <p className="text-xs">
                <span className="font-mono font-medium">{c.slot}</span>{" "}
                <span className="text-slate-500">{c.type}</span>
                {c.preview ? <span className="ml-2 text-amber-800">(preview)</span> : null}
              </p>
              {c.payload ? <Fields value={c.payload} /> : null}
            </div>
          ))
        )}
      </Block>
      <Block title="Environment variables">
        {inputs.env.length === 0 ? (
          <p className="text-xs text-slate-500">None.</p>
        ) : (
          <dl
            className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1 text-xs"
            data-testid="run-env"
          >
            {inputs.env.map((v) => (
              <div key={v.name} className="contents" data-testid="env-var" data-name={v.name}>
                <dt className="font-mono text-slate-600">{v.name}</dt>
                <dd className="break-all font-mono">
                  {v.sensitive ? <Masked fingerprint={v.fingerprint} /> : (v.value ?? "—")}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Block>
      <Block title="Secrets">
        {inputs.secrets.length === 0 ? (
          <p className="text-xs text-slate-500">None.</p>
        ) : (
          <ul className="text-xs" data-testid="run-secrets">
            {inputs.secrets.map((s) => (
              <li key={s.name} className="font-mono">
                {s.name} <span className="text-slate-500">{s.set ? "set" : "not set"}</span>
              </li>
            ))}
          </ul>
        )}
      </Block>
    </section>
  );
}

const CHANGE_TONE = {
  create: "text-emerald-700",
  update: "text-amber-700",
  replace: "text-orange-700",
  delete: "text-red-700",
} as const;

const CHANGE_SIGN = { create: "+", update: "~", replace: "±", delete: "−" } as const;

type Diff = NonNullable<NonNullable<Run["changes"]>[number]["diffs"]>[number];

/** A value as a plan shows it; masked and unknown values are Terraform's own words. */
function shownValue(value: unknown): string {
  if (value === undefined) return "—";
  if (value === "(sensitive)" || value === "(known after apply)") return value;
  return JSON.stringify(value);
}

/** Each attribute a change moves: before → after (`(sensitive)` where masked). */
function AttributeDiffs({ diffs }: { diffs: Diff[] }) {
  return (
    <ul className="ml-5 mt-0.5 space-y-0.5" data-testid="change-diffs">
      {diffs.map((d) => (
        <li key={d.path} data-testid="change-diff" data-path={d.path} className="break-all">
          <span className="text-slate-700">{d.path}</span>:{" "}
          <span className="text-red-700">{shownValue(d.before)}</span>
          {" → "}
          <span className="text-emerald-700">{shownValue(d.after)}</span>
        </li>
      ))}
    </ul>
  );
}

export function RunChanges({ changes }: { changes: NonNullable<Run["changes"]> }) {
  return (
    <section aria-label="Plan" className="space-y-2">
      <h2 className="font-semibold">
        Plan: {changes.length} change{changes.length === 1 ? "" : "s"}
      </h2>
      {changes.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing to change.</p>
      ) : (
        <ul className="space-y-1 font-mono text-xs" data-testid="run-changes">
          {changes.map((c) => (
            <li key={`${c.action}/${c.resource}`} data-testid="change" data-action={c.action}>
              <span className={CHANGE_TONE[c.action]}>
                {CHANGE_SIGN[c.action]} {c.action}
              </span>{" "}
              {c.resource}
              {c.attributes.length > 0 ? (
                <span className="text-slate-500"> ({c.attributes.join(", ")})</span>
              ) : null}
              {c.diffs && c.diffs.length > 0 ? <AttributeDiffs diffs={c.diffs} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An output as stored: `{ shared }` (what every consumer sees), or the payload itself. */
function sharedOf(payload: Record<string, unknown>): Record<string, unknown> {
  const shared = payload.shared;
  return Object.keys(payload).length === 1 && typeof shared === "object" && shared !== null
    ? (shared as Record<string, unknown>)
    : payload;
}

export function RunOutputs({ outputs }: { outputs: NonNullable<Run["outputs"]> }) {
  const entries = Object.entries(outputs);
  return (
    <section aria-label="Outputs" className="space-y-2">
      <h2 className="font-semibold">Outputs</h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">None.</p>
      ) : (
        entries.map(([artifact, payload]) => (
          <div key={artifact} className="rounded-md bg-slate-50 p-2" data-testid="run-output">
            <p className="font-mono text-xs font-medium">{artifact}</p>
            <Fields value={sharedOf(payload)} />
          </div>
        ))
      )}
    </section>
  );
}
