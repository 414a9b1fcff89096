"use client";
// The policies of one line as a person thinks of them: a single least → most choice among the
// type's rungs (radio), plus a checkbox for each additive policy (publish, subscribe). Each option
// shows what choosing it would add and take away compared with the current choice. Exactly these
// choices pass the server's rule (`choiceProblem`).
import type { PolicyGrants } from "@/server/domain/catalog/types";
import { expansionDelta } from "@/server/domain/access/policy-delta";
import { togglePolicy } from "@/server/domain/graph/policy-choice";

interface Policy {
  id: string;
  title: string;
  description: string;
  additive?: boolean;
  grants: PolicyGrants;
}

function Delta({ offered, current, id }: { offered: Policy[]; current: string[]; id: string }) {
  const next = togglePolicy(offered, current, id);
  const { added, removed } = expansionDelta(offered, current, next);
  const same = added.length === 0 && removed.length === 0;
  return (
    <details className="mt-1 text-xs" data-testid="policy-delta">
      <summary className="cursor-pointer text-slate-500">
        {same
          ? "What it expands to"
          : `What it changes: +${added.length} / −${removed.length} permissions`}
      </summary>
      {same ? (
        <p className="mt-1 text-slate-600">The current choice already grants exactly this.</p>
      ) : (
        <ul className="mt-1 space-y-0.5 font-mono text-[11px]">
          {added.map((l) => (
            <li key={`+${l}`} className="break-all text-emerald-800">
              + {l}
            </li>
          ))}
          {removed.map((l) => (
            <li key={`-${l}`} className="break-all text-red-800">
              − {l}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

export function PolicyChoice({
  policies,
  granted,
  readOnly,
  linkId,
  onChoose,
}: {
  policies: Policy[];
  granted: string[];
  readOnly: boolean;
  linkId: string;
  onChoose: (ids: string[]) => void;
}) {
  const firstRung = policies.find((p) => !p.additive)?.id;
  return (
    <ul className="mt-2 space-y-3">
      {policies.map((p) => {
        const checked = granted.includes(p.id);
        return (
          <li key={p.id}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type={p.additive ? "checkbox" : "radio"}
                name={p.additive ? undefined : `policy-${linkId}`}
                className="mt-1"
                checked={checked}
                // An additive policy that is the only one chosen stays: a line grants something.
                disabled={readOnly || (p.additive && checked && granted.length === 1)}
                onChange={() => onChoose(togglePolicy(policies, granted, p.id))}
              />
              <span>
                <span className="font-medium">{p.title}</span>{" "}
                <code className="text-xs text-slate-500">{p.id}</code>
                {p.id === firstRung ? (
                  <span className="ml-1 rounded bg-emerald-50 px-1 text-[10px] text-emerald-800">
                    least privilege
                  </span>
                ) : null}
                {p.additive ? (
                  <span className="ml-1 rounded bg-sky-50 px-1 text-[10px] text-sky-800">
                    combines with others
                  </span>
                ) : null}
                <span className="block text-slate-600">{p.description}</span>
              </span>
            </label>
            <Delta offered={policies} current={granted} id={p.id} />
          </li>
        );
      })}
    </ul>
  );
}
