// The guardrails a new preset version changes (locks, ranges, lists, allowed environments), listed
// beside its value changes in every upgrade review: a tighter rule is a change even when no value
// of the instance moves.
import {
  describeGuardrailChange,
  type GuardrailChange,
} from "@/server/domain/presets/guardrail-changes";

export function GuardrailChanges({ changes, to }: { changes: GuardrailChange[]; to: number }) {
  if (changes.length === 0) return null;
  return (
    <div data-testid="guardrail-changes">
      <p className="text-xs font-medium text-slate-700">Guardrails in v{to}:</p>
      <ul className="list-disc pl-4 text-xs text-slate-700">
        {changes.map((c) => (
          <li key={c.path} data-testid="guardrail-change" data-kind={c.kind}>
            {describeGuardrailChange(c)}
          </li>
        ))}
      </ul>
    </div>
  );
}
