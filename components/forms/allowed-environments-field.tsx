"use client";
// Which environments may use a preset version: every one, those marked production, those
// marked non-production, or environments named by slug. The choice is local state (an empty
// list of names must still read as "named"); the parent gets the API's shape on each change.
import { useId, useState } from "react";
import type { AllowedEnvironments } from "@/server/domain/presets/types";

type Choice = "every" | "production" | "non_production" | "named";

const CHOICES: { value: Choice; label: string }[] = [
  { value: "every", label: "Every environment" },
  { value: "production", label: "Production environments only" },
  { value: "non_production", label: "Non-production environments only" },
  { value: "named", label: "Named environments" },
];

function choiceOf(allowed: AllowedEnvironments): Choice {
  if ((allowed.environments ?? []).length > 0) return "named";
  const classes = allowed.classes ?? [];
  return classes.length === 1 ? classes[0]! : "every";
}

/** Slugs from "staging, qa preview-1". */
function slugs(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function toAllowed(choice: Choice, names: string): AllowedEnvironments {
  if (choice === "every") return {};
  if (choice === "named") return { environments: slugs(names) };
  return { classes: [choice] };
}

export function AllowedEnvironmentsField({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: AllowedEnvironments;
  onChange: (allowed: AllowedEnvironments) => void;
  errors?: string[];
  disabled?: boolean;
}) {
  const id = useId();
  const [choice, setChoice] = useState<Choice>(() => choiceOf(value));
  const [names, setNames] = useState(() => (value.environments ?? []).join(", "));
  const pick = (next: Choice) => {
    setChoice(next);
    onChange(toAllowed(next, names));
  };
  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700">Allowed environments</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-1">
        {CHOICES.map((c) => (
          <label key={c.value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-allowed`}
              value={c.value}
              checked={choice === c.value}
              onChange={() => pick(c.value)}
              className="text-brand-600"
            />
            {c.label}
          </label>
        ))}
      </div>
      {choice === "named" ? (
        <div className="max-w-md space-y-1">
          <label htmlFor={`${id}-names`} className="block text-xs text-slate-600">
            Environment slugs (comma-separated)
          </label>
          <input
            id={`${id}-names`}
            type="text"
            value={names}
            placeholder="staging, qa"
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? `${id}-error` : undefined}
            onChange={(e) => {
              setNames(e.target.value);
              onChange(toAllowed("named", e.target.value));
            }}
            className="block w-full rounded-md border-0 px-3 py-1.5 font-mono text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-invalid:ring-red-500"
          />
        </div>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {errors.join("; ")}
        </p>
      ) : null}
    </fieldset>
  );
}
