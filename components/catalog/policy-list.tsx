// The policies an output offers, each with the concrete grant it expands to per provider.
// SQL and ACL grants read best as text; IAM documents and rules as JSON.
import { TypeBadge } from "./type-badge";

interface Policy {
  id: string;
  title: string;
  description: string;
  grants: Record<string, unknown>;
}

function GrantBody({ provider, grant }: { provider: string; grant: unknown }) {
  const g = grant as { statements?: string[]; acl?: string };
  const text =
    provider === "postgresql" && Array.isArray(g.statements)
      ? g.statements.map((s) => `${s};`).join("\n")
      : provider === "redis" && typeof g.acl === "string"
        ? g.acl
        : JSON.stringify(grant, null, 2);
  return (
    <div>
      <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{provider}</p>
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
        {text}
      </pre>
    </div>
  );
}

export function PolicyList({
  type,
}: {
  type: { name: string; label: string; color: string; policies: Policy[] };
}) {
  return (
    <section aria-label={`Policies of ${type.name}`} className="space-y-2">
      <div className="flex items-center gap-2">
        <TypeBadge name={type.name} color={type.color} />
        <span className="text-sm text-slate-600">{type.label}</span>
      </div>
      {type.policies.length === 0 ? (
        <p className="text-sm text-slate-500">
          This type offers no policies: consumers get its payload only.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {type.policies.map((p, i) => (
            <li key={p.id} data-testid="policy">
              <details className="group">
                <summary className="flex cursor-pointer list-none items-start gap-3 p-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600">
                  <span
                    aria-hidden
                    className="mt-0.5 text-slate-400 transition group-open:rotate-90"
                  >
                    ▸
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{p.title}</span>
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                        {p.id}
                      </code>
                      {i === 0 ? (
                        <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">
                          default · least privilege
                        </span>
                      ) : null}
                    </span>
                    <span className="mt-0.5 block text-sm text-slate-600">{p.description}</span>
                  </span>
                </summary>
                <div className="space-y-3 px-3 pb-3 pl-9">
                  {Object.entries(p.grants).map(([provider, grant]) => (
                    <GrantBody key={provider} provider={provider} grant={grant} />
                  ))}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
