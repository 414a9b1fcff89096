// A preset version read-only: each field's value and its guardrail (open, locked, or
// narrowed and how). Used for published versions, built-in presets and for everyone who
// may not edit. Rows come from the values themselves (in the order of the bundle's form).
import { inFormOrder } from "@/components/forms/form-order";
import { describeRule } from "@/server/domain/presets/rules";
import type { FieldRule, PresetRules } from "@/server/domain/presets/types";
import { getAt, leafPaths, show } from "@/server/domain/presets/values";

function Guardrail({ rule }: { rule: FieldRule | undefined }) {
  if (!rule) return <span className="text-slate-500">open</span>;
  if (rule.mode === "locked")
    return (
      <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-800">locked</span>
    );
  return (
    <span>
      <span className="rounded bg-sky-100 px-1.5 py-0.5 font-medium text-sky-800">narrowed</span>{" "}
      <span className="text-slate-700">{describeRule(rule)}</span>
    </span>
  );
}

export function VersionValues({
  label,
  values,
  rules,
  ui,
}: {
  label: string;
  values: Record<string, unknown>;
  rules: PresetRules;
  ui: Record<string, unknown>;
}) {
  const paths = inFormOrder(
    [...new Set([...leafPaths(values), ...Object.keys(rules)])],
    (p) => p,
    ui,
  );
  return (
    <table className="w-full table-fixed text-sm">
      <caption className="sr-only">{label}</caption>
      <thead className="bg-slate-50 text-left text-xs text-slate-500">
        <tr>
          <th scope="col" className="w-2/5 px-3 py-1.5 font-medium">
            Field
          </th>
          <th scope="col" className="px-3 py-1.5 font-medium">
            Value
          </th>
          <th scope="col" className="px-3 py-1.5 font-medium">
            Guardrail
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {paths.map((path) => {
          const value = getAt(values, path);
          return (
            <tr key={path}>
              <th
                scope="row"
                className="break-words px-3 py-1.5 text-left align-top font-mono text-xs font-normal text-slate-600"
              >
                {path}
              </th>
              <td className="break-all px-3 py-1.5 align-top font-mono text-xs">
                {value === undefined ? "—" : show(value)}
              </td>
              <td className="px-3 py-1.5 align-top text-xs">
                <Guardrail rule={rules[path]} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
