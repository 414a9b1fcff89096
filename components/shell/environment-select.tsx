"use client";
// A project's environments as a select (slug values, production marked): the canvas switcher
// and the two sides of Compare.

export interface EnvironmentOption {
  id: string;
  slug: string;
  name: string;
  class: "production" | "non_production";
  preview?: boolean;
}

export function EnvironmentSelect({
  label,
  value,
  environments,
  onChange,
}: {
  label: string;
  value: string;
  environments: readonly EnvironmentOption[];
  onChange: (slug: string) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">{label}</span>
      <select
        aria-label={label}
        className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {environments.map((e) => (
          <option key={e.id} value={e.slug}>
            {e.name}
            {e.class === "production" ? " (production)" : e.preview ? " (preview)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
