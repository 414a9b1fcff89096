"use client";
// One state's versions (serial, lineage, who, run, time) with a Download per version for ops and
// owners (audited, like a reveal), and the diff of two chosen versions, sensitive values masked.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { formatUtc, relativeTime } from "@/components/audit/format";
import { projectBase, runHref } from "@/components/deployments/run-format";
import { useTRPC } from "@/components/trpc";
import { plural } from "@/components/ui/plural";
import { Button } from "@/components/ui/button";

interface Target {
  projectId: string;
  componentId: string;
  environmentId: string;
  step: string;
}

/** Versions listed before "Show all": a busy state keeps hundreds. */
const SHOWN = 10;

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

function saveFile(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked once the browser has started the download, not before.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function StateDiff({ target, from, to }: { target: Target; from: number; to: number }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.state.diff.queryOptions({ ...target, from, to }));
  if (diff.error)
    return (
      <p role="alert" className="text-xs text-red-700">
        {diff.error.message}
      </p>
    );
  if (!diff.data) return <p className="text-xs text-slate-500">Loading…</p>;
  const { resources, outputs } = diff.data;
  if (resources.length + outputs.length === 0)
    return <p className="text-xs text-slate-600">No difference.</p>;
  return (
    <ul className="space-y-1 text-xs" data-testid="state-diff">
      {resources.map((r) => (
        <li key={r.address}>
          <span className="font-mono font-medium">{r.address}</span>{" "}
          <span className="text-slate-500">{r.change}</span>
          <ul className="ml-3">
            {r.attributes.map((a) => (
              <li key={a.path} className="break-all font-mono text-[11px]">
                {a.path}: {show(a.before)} → {show(a.after)}
              </li>
            ))}
          </ul>
        </li>
      ))}
      {outputs.map((o) => (
        <li key={o.name} className="break-all font-mono text-[11px]">
          output.{o.name} ({o.change}): {show(o.before)} → {show(o.after)}
        </li>
      ))}
    </ul>
  );
}

export function StateHistory({
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
  const base = projectBase(usePathname()) ?? "";
  const versions = useQuery(trpc.state.versions.queryOptions(target));
  const download = useMutation(
    trpc.state.download.mutationOptions({ onSuccess: (d) => saveFile(d.filename, d.text) }),
  );
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [all, setAll] = useState(false);
  if (!versions.data) return null;
  const latest = versions.data[0]?.version ?? 0;
  const [from, to] = pair ?? [Math.max(0, latest - 1), latest];
  const numbers = [0, ...versions.data.map((v) => v.version).reverse()];
  const now = new Date();
  const pick = (label: string, value: number, set: (n: number) => void) => (
    <label className="text-xs text-slate-700">
      {label}{" "}
      <select
        value={value}
        onChange={(e) => set(Number(e.target.value))}
        className="rounded border-0 py-0 text-xs ring-1 ring-slate-300"
      >
        {numbers.map((n) => (
          <option key={n} value={n}>
            {n === 0 ? "(none)" : `v${n}`}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="space-y-2">
      <ul className="divide-y divide-slate-100" data-testid="state-versions">
        {(all ? versions.data : versions.data.slice(0, SHOWN)).map((v) => (
          <li
            key={v.version}
            className="py-1 text-xs"
            data-testid="state-version"
            data-version={v.version}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono font-semibold">v{v.version}</span>
              <span>serial {v.serial}</span>
              {v.forced ? <span className="text-amber-800">forced</span> : null}
              <span className="text-slate-500" title={formatUtc(v.createdAt)}>
                {relativeTime(v.createdAt, now)}
              </span>
              {canOps ? (
                <Button
                  variant="ghost"
                  className="ml-auto px-1 py-0 text-xs"
                  disabled={download.isPending}
                  onClick={() => download.mutate({ ...target, version: v.version })}
                >
                  Download
                </Button>
              ) : null}
            </div>
            <p className="text-slate-500">
              {v.who}
              {v.deploymentId ? (
                <>
                  {" · "}
                  <Link
                    className="text-brand-700 hover:underline"
                    href={runHref(base, environment, v.deploymentId)}
                  >
                    run
                  </Link>
                </>
              ) : null}{" "}
              · lineage <span className="font-mono">{v.lineage.slice(0, 8)}</span> · {v.size} B
            </p>
          </li>
        ))}
      </ul>
      {!all && versions.data.length > SHOWN ? (
        <Button variant="ghost" className="px-1 py-0 text-xs" onClick={() => setAll(true)}>
          Show all {plural(versions.data.length, "version")}
        </Button>
      ) : null}
      {download.error ? (
        <p role="alert" className="text-xs text-red-700">
          {download.error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-xs font-medium">Diff</span>
        {pick("from", from, (n) => setPair([n, to]))}
        {pick("to", to, (n) => setPair([from, n]))}
      </div>
      {to > 0 ? <StateDiff target={target} from={from} to={to} /> : null}
    </div>
  );
}
