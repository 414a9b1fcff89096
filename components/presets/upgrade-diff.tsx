// What moving one consumer to the newest version would change, field by field (now → after,
// and why), which of its deliberate deviations it keeps, and whether the new version may be
// used in its environment at all. Computed by the server with the domain's `upgradePlan`.
import { show } from "@/server/domain/presets/values";
import { GuardrailChanges } from "./guardrail-changes";
import type { ConsumerView } from "./types";

const CLASS_LABEL = { production: "production", non_production: "non-production" } as const;

export function UpgradeDiff({ consumer }: { consumer: ConsumerView }) {
  const upgrade = consumer.upgrade;
  if (!upgrade) return <span className="text-xs text-slate-500">on the newest version</span>;
  const where = `${consumer.component.name} in ${consumer.environment.slug}`;
  return (
    <div className="space-y-1">
      {!upgrade.allowed ? (
        <p className="text-xs text-red-700">
          v{upgrade.to} is not allowed in {consumer.environment.slug} (
          {CLASS_LABEL[consumer.environment.class]}): this instance cannot move to it.
        </p>
      ) : null}
      {upgrade.changes.length === 0 ? (
        <p className="text-xs text-slate-600">
          v{upgrade.to} changes no value here
          {upgrade.guardrails.length > 0 ? "; it changes these guardrails:" : "."}
        </p>
      ) : (
        <table className="w-full text-xs">
          <caption className="sr-only">
            Changes for {where} on upgrade to v{upgrade.to}
          </caption>
          <thead className="text-left text-slate-500">
            <tr>
              <th scope="col" className="pr-2 font-medium">
                Field
              </th>
              <th scope="col" className="pr-2 font-medium">
                Now
              </th>
              <th scope="col" className="pr-2 font-medium">
                After
              </th>
              <th scope="col" className="font-medium">
                Why
              </th>
            </tr>
          </thead>
          <tbody>
            {upgrade.changes.map((c) => (
              <tr key={c.path} data-testid="upgrade-change" data-path={c.path}>
                <th scope="row" className="pr-2 text-left font-mono font-normal">
                  {c.path}
                </th>
                <td className="pr-2 font-mono text-red-700 line-through decoration-red-300">
                  {c.before === undefined ? "—" : show(c.before)}
                </td>
                <td className="pr-2 font-mono text-emerald-800">
                  {c.after === undefined ? "—" : show(c.after)}
                </td>
                <td className="text-slate-500">{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <GuardrailChanges changes={upgrade.guardrails} to={upgrade.to} />
      {upgrade.kept.length > 0 ? (
        <p className="text-xs text-slate-600">
          Keeps its own {upgrade.kept.join(", ")} (still allowed by v{upgrade.to}).
        </p>
      ) : null}
    </div>
  );
}
