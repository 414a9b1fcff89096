"use client";
// The preset editor's guardrails: one row per leaf field of the bundle's params, each open,
// locked (the preset's value is fixed) or narrowed (an allowed subset of what the bundle
// allows: some of its options, a minimum/maximum, a pattern). What a field can be narrowed
// by comes from `paramFields`, the same walk the server checks the rules with.
import { useId } from "react";
import type { ParamField } from "@/server/domain/presets/fields";
import { describeRule } from "@/server/domain/presets/rules";
import type { FieldRule, PresetRules } from "@/server/domain/presets/types";
import { getAt, sameValue, show } from "@/server/domain/presets/values";

type Narrowed = Extract<FieldRule, { mode: "narrowed" }>;
type Mode = "open" | FieldRule["mode"];

const INPUT =
  "rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-invalid:ring-red-500";

const isNumber = (field: ParamField) => field.type === "number" || field.type === "integer";

/**
 * Whether the bundle gives the field anything to narrow by (booleans and lists can only be locked).
 */
function canNarrow(field: ParamField): boolean {
  return !!field.options || isNumber(field) || field.type === "string";
}

/** The narrowing a field starts with when switched to narrowed: everything the bundle allows. */
function startNarrowing(field: ParamField): Narrowed {
  if (field.options) return { mode: "narrowed", enum: field.options.map((o) => o.value) };
  if (isNumber(field))
    return clean({ mode: "narrowed", minimum: field.minimum, maximum: field.maximum });
  return clean({ mode: "narrowed", pattern: field.pattern });
}

/** Drops unset bounds: the API's rule shape is strict and has no nulls. */
function clean(rule: Narrowed): Narrowed {
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as Narrowed;
}

const numberOrUndefined = (text: string) =>
  text.trim() === "" || Number.isNaN(Number(text)) ? undefined : Number(text);

function NarrowingControls({
  field,
  rule,
  onChange,
}: {
  field: ParamField;
  rule: Narrowed;
  onChange: (rule: Narrowed) => void;
}) {
  if (field.options) {
    const chosen = rule.enum ?? [];
    return (
      <fieldset>
        <legend className="sr-only">Allowed values for {field.path}</legend>
        <div className="flex flex-col gap-1">
          {field.options.map((o) => {
            const checked = chosen.some((v) => sameValue(v, o.value));
            const toggle = () => {
              const next = checked
                ? chosen.filter((v) => !sameValue(v, o.value))
                : field
                    .options!.map((x) => x.value)
                    .filter((v) => v === o.value || chosen.some((c) => sameValue(c, v)));
              onChange({ ...rule, enum: next });
            };
            return (
              <label key={String(o.value)} className="flex items-center gap-2 text-xs">
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={toggle}
                  className="rounded border-slate-300 text-brand-600"
                />
                <span className="font-mono">{String(o.value)}</span>
                {o.title !== String(o.value) ? (
                  <span className="text-slate-500">{o.title}</span>
                ) : null}
              </label>
            );
          })}
        </div>
      </fieldset>
    );
  }
  if (isNumber(field)) {
    return (
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <label className="flex items-center gap-1">
          <span>min</span>
          <input
            type="number"
            aria-label={`Minimum for ${field.path}`}
            value={rule.minimum ?? ""}
            min={field.minimum}
            max={field.maximum}
            onChange={(e) =>
              onChange(clean({ ...rule, minimum: numberOrUndefined(e.target.value) }))
            }
            className={`${INPUT} w-24`}
          />
        </label>
        <label className="flex items-center gap-1">
          <span>max</span>
          <input
            type="number"
            aria-label={`Maximum for ${field.path}`}
            value={rule.maximum ?? ""}
            min={field.minimum}
            max={field.maximum}
            onChange={(e) =>
              onChange(clean({ ...rule, maximum: numberOrUndefined(e.target.value) }))
            }
            className={`${INPUT} w-24`}
          />
        </label>
      </div>
    );
  }
  return (
    <input
      type="text"
      aria-label={`Pattern for ${field.path}`}
      placeholder="^regular expression$"
      value={rule.pattern ?? ""}
      onChange={(e) =>
        onChange(clean({ ...rule, pattern: e.target.value === "" ? undefined : e.target.value }))
      }
      className={`${INPUT} w-full font-mono`}
    />
  );
}

function GuardrailRow({
  field,
  value,
  rule,
  errors,
  onChange,
}: {
  field: ParamField;
  value: unknown;
  rule: FieldRule | undefined;
  errors: string[];
  onChange: (rule: FieldRule | undefined) => void;
}) {
  const errorId = useId();
  const mode: Mode = rule?.mode ?? "open";
  const narrowable = canNarrow(field);
  const setMode = (next: Mode) =>
    onChange(
      next === "open" ? undefined : next === "locked" ? { mode: "locked" } : startNarrowing(field),
    );
  return (
    <tr className="align-top" data-testid="guardrail-row" data-path={field.path}>
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <span className="block font-mono text-xs text-slate-800">{field.path}</span>
        <span className="block text-xs text-slate-500">{field.title}</span>
      </th>
      <td className="break-all px-3 py-2 font-mono text-xs">
        {value === undefined ? <span className="text-slate-400">not set</span> : show(value)}
      </td>
      <td className="px-3 py-2">
        <select
          aria-label={`Guardrail for ${field.path}`}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={errors.length > 0 ? errorId : undefined}
          value={mode}
          onChange={(e) => setMode(e.target.value as Mode)}
          className={`${INPUT} w-32 pr-8`}
        >
          <option value="open">Open</option>
          <option value="locked">Locked</option>
          <option
            value="narrowed"
            disabled={!narrowable}
            title={
              narrowable
                ? undefined
                : "The bundle gives this field nothing to narrow by: lock it or leave it open"
            }
          >
            Narrowed
          </option>
        </select>
      </td>
      <td className="space-y-1 px-3 py-2">
        {rule?.mode === "narrowed" ? (
          <NarrowingControls field={field} rule={rule} onChange={onChange} />
        ) : null}
        {rule ? (
          <p className="text-xs text-slate-600">
            {rule.mode === "locked"
              ? `locked to ${show(value)}`
              : describeRule(rule) || "no narrowing yet"}
          </p>
        ) : null}
        {errors.length > 0 ? (
          <p id={errorId} className="text-xs text-red-600">
            {errors.join("; ")}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** Messages for one field's row: its rule's (`rules.<path>…`) and its value's (`values.<path>`). */
function rowErrors(errors: Record<string, string[]>, path: string): string[] {
  return Object.entries(errors)
    .filter(
      ([key]) =>
        key === `rules.${path}` || key.startsWith(`rules.${path}.`) || key === `values.${path}`,
    )
    .flatMap(([, messages]) => messages);
}

export function GuardrailTable({
  fields,
  values,
  rules,
  errors,
  onChange,
}: {
  fields: ParamField[];
  values: Record<string, unknown>;
  rules: PresetRules;
  errors: Record<string, string[]>;
  onChange: (rules: PresetRules) => void;
}) {
  const setRule = (path: string, rule: FieldRule | undefined) => {
    const next = { ...rules };
    if (rule) next[path] = rule;
    else delete next[path];
    onChange(next);
  };
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Guardrails per field</caption>
      <thead className="bg-slate-50 text-left text-xs text-slate-500">
        <tr>
          <th scope="col" className="px-3 py-2 font-medium">
            Field
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Preset value
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Guardrail
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Rule
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {fields.map((f) => (
          <GuardrailRow
            key={f.path}
            field={f}
            value={getAt(values, f.path)}
            rule={rules[f.path]}
            errors={rowErrors(errors, f.path)}
            onChange={(rule) => setRule(f.path, rule)}
          />
        ))}
      </tbody>
    </table>
  );
}

/** Messages that belong to no row of the table (a rule on a field the bundle no longer has …). */
export function otherErrors(errors: Record<string, string[]>, fields: ParamField[]): string[] {
  const claimed = (key: string) =>
    fields.some(
      (f) =>
        key === `rules.${f.path}` ||
        key.startsWith(`rules.${f.path}.`) ||
        key === `values.${f.path}`,
    );
  return Object.entries(errors)
    .filter(([key]) => (key.startsWith("rules.") || key.startsWith("values.")) && !claimed(key))
    .map(([key, messages]) => `${key}: ${messages.join("; ")}`);
}
