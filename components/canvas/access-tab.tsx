"use client";
// The Access tab: the blast radius of the selected component in the current environment.
// "Can reach" lists the grants of every line into it (only the chosen policies, rendered per
// provider for this component's own identity); "Who can reach this" lists the lines out of
// it with their policies. While the tab is open those lines are highlighted on the canvas.
import { useEffect } from "react";
import { CodeBlock } from "@/components/ui/code-block";
import { useCanvas } from "./canvas-context";
import { SharedSlots } from "./shared-slots";
import { useResolution, type Resolution } from "./use-resolution";

/** SQL reads better as SQL; every other provider's grant is a JSON document. */
function render(provider: string, grant: unknown): string {
  if (provider === "postgresql") {
    const { role, statements } = grant as { role: string; statements: string[] };
    return `-- as role ${role}\n${statements.join(";\n")};`;
  }
  return JSON.stringify(grant, null, 2);
}

type Source = NonNullable<Resolution["connections"][number]["source"]>;

/** Where a slot's value comes from, in a few words. */
function sourceName(source: Source): string {
  if (source.kind === "link") return source.from.name;
  if (source.kind === "remote-reference") return source.label;
  return `default ${source.name}`;
}

/** Why nothing is granted: no line at all, or lines whose types carry no policy. */
function noGrants(connections: Resolution["connections"]): string {
  const filled = connections.flatMap((c) =>
    c.source ? [`${c.slot} (${c.type}) from ${sourceName(c.source)}`] : [],
  );
  if (filled.length === 0) return "Nothing: no line comes into it.";
  const one = filled.length === 1;
  return `Nothing to grant: the ${one ? "line" : "lines"} into it (${filled.join("; ")}) ${one ? "passes" : "pass"} a payload only; ${one ? "its type offers" : "their types offer"} no policy.`;
}

/** Who must be deployed before the `<unknown: …>` parts are known. */
function afterWhat(access: Resolution["grants"][number]): string {
  const upstream = access.placeholders.some((p) => p.startsWith("artifact."));
  const own = access.placeholders.some((p) => !p.startsWith("artifact."));
  const name = sourceName(access.source);
  return [
    upstream ? `once ${name} is deployed` : "",
    own ? "once this environment's cloud account is known" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

function Grant({ access }: { access: Resolution["grants"][number] }) {
  const from =
    access.source.kind === "link"
      ? access.source.from.name
      : access.source.kind === "remote-reference"
        ? `remote reference ${access.source.label}`
        : `environment default ${access.source.name}`;
  return (
    <li className="rounded-md ring-1 ring-slate-200" data-testid="grant" data-slot={access.slot}>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm">
        <span className="font-mono font-semibold">{from}</span>
        <span className="text-slate-500">
          via {access.slot} · {access.type}
        </span>
        <span className="rounded bg-slate-100 px-1.5 text-xs">
          {access.policies.map((p) => p.id).join(", ")}
        </span>
        {access.preview ? (
          <span className="rounded bg-amber-50 px-1.5 text-xs text-amber-800">preview</span>
        ) : null}
      </div>
      {Object.entries(access.grants).map(([provider, grant]) =>
        grant === undefined ? null : (
          <div key={provider} className="px-3 py-2">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{provider}</p>
            <CodeBlock
              text={render(provider, grant)}
              title={`${provider} grant of ${from} via ${access.slot}`}
              testId={`grant-${provider}`}
            />
          </div>
        ),
      )}
      {access.placeholders.length > 0 ? (
        <p className="px-3 pb-2 text-xs text-amber-800" data-testid="after-deployment">
          Filled in at deployment ({afterWhat(access)}):{" "}
          {access.placeholders.map((p) => p.replace(/^artifact\./, "")).join(", ")}. Everything else
          above is known now.
        </p>
      ) : null}
      {access.problems.map((p) => (
        <p key={p.message} className="px-3 pb-2 text-xs text-red-700">
          {p.message}
        </p>
      ))}
    </li>
  );
}

export function AccessTab({
  projectId,
  componentId,
  canPublish,
}: {
  projectId: string;
  componentId: string;
  canPublish: boolean;
}) {
  const { data, error, isPending } = useResolution(projectId, componentId);
  const setHighlighted = useCanvas((s) => s.setHighlighted);
  const linkIds = data?.radius.linkIds.join(",");
  useEffect(() => {
    setHighlighted(linkIds ? new Set(linkIds.split(",")) : null);
    return () => setHighlighted(null);
  }, [linkIds, setHighlighted]);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (isPending || !data) return <p className="text-sm text-slate-500">Resolving…</p>;
  return (
    <div className="space-y-5">
      <SharedSlots
        projectId={projectId}
        componentId={componentId}
        connections={data.connections}
        canPublish={canPublish}
      />
      <section>
        <h3 className="text-sm font-semibold">This component can reach</h3>
        <p className="mt-0.5 text-xs text-slate-500">
          As <code>{data.metadata.name_prefix}</code>: only the policies chosen on each line.
        </p>
        {data.grants.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600" data-testid="no-grants">
            {noGrants(data.connections)}
          </p>
        ) : (
          <ul className="mt-2 space-y-3">
            {data.grants.map((g) => (
              <Grant key={`${g.slot}/${g.linkId}`} access={g} />
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3 className="text-sm font-semibold">Who can reach this</h3>
        {data.borrowers.length > 0 ? (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="borrowed-by">
            {data.borrowers.map((b) => (
              <li key={`${b.project}/${b.environment}/${b.component}/${b.slot}`} className="py-1.5">
                <span className="font-mono font-semibold">
                  {b.project}/{b.component}
                </span>
                <span className="text-slate-500">
                  {" "}
                  borrows it in {b.environment} via {b.slot}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {data.radius.incoming.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No component: no line goes out of it.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="reached-by">
            {data.radius.incoming.map((l) => (
              <li key={l.linkId} className="py-1.5">
                <span className="font-mono font-semibold">{l.peer.name}</span>
                <span className="text-slate-500"> via {l.slot} · </span>
                {l.policies.map((p) => p.id).join(", ") || "payload only"}
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.problems.length > 0 ? (
        <section>
          <h3 className="text-sm font-semibold text-red-800">Blocking a deployment</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-red-800">
            {data.problems.map((p) => (
              <li key={`${p.rule}/${p.slot}`}>{p.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
