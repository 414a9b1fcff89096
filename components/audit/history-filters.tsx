"use client";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

export interface FilterDraft {
  actor: string;
  action: string;
  outcome: "" | "success" | "denied" | "failure";
  target: string;
  from: string;
  to: string;
  q: string;
  /** Sign-ins are left out unless asked for: they drown what changed. */
  signIns: boolean;
}

export const EMPTY_FILTERS: FilterDraft = {
  actor: "",
  action: "",
  outcome: "",
  target: "",
  from: "",
  to: "",
  q: "",
  signIns: false,
};

/** Kinds of thing an event can be about; the server filters on the exact `targetType`. */
const TARGET_TYPES = [
  "organization",
  "project",
  "environment",
  "component",
  "link",
  "instance",
  "preset",
  "secret",
  "deployment",
  "user",
];

export function HistoryFilters({
  value,
  onChange,
  actions,
  showTarget = true,
}: {
  value: FilterDraft;
  onChange: (next: FilterDraft) => void;
  actions: string[];
  /** false when the view is already fixed to one target */
  showTarget?: boolean;
}) {
  const set = <K extends keyof FilterDraft>(key: K, next: FilterDraft[K]) =>
    onChange({ ...value, [key]: next });
  const dirty = (Object.keys(value) as (keyof FilterDraft)[]).some(
    (k) => value[k] !== EMPTY_FILTERS[k],
  );
  return (
    <form
      role="search"
      aria-label="Filter events"
      onSubmit={(e) => e.preventDefault()}
      className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-4 2xl:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1fr)_8rem_8rem_minmax(0,1fr)_minmax(0,1fr)_auto] xl:items-start"
    >
      <TextField
        label="Search"
        type="search"
        placeholder="Any text, e.g. a value"
        value={value.q}
        onChange={(e) => set("q", e.target.value)}
      />
      <TextField
        label="Actor"
        placeholder="email or token"
        value={value.actor}
        onChange={(e) => set("actor", e.target.value)}
      />
      <SelectField
        label="Action"
        value={value.action}
        onChange={(e) => set("action", e.target.value)}
      >
        <option value="">All actions</option>
        {actions.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Outcome"
        value={value.outcome}
        onChange={(e) => set("outcome", e.target.value as FilterDraft["outcome"])}
      >
        <option value="">All</option>
        <option value="success">success</option>
        <option value="denied">denied</option>
        <option value="failure">failure</option>
      </SelectField>
      {showTarget ? (
        <SelectField
          label="Target"
          value={value.target}
          onChange={(e) => set("target", e.target.value)}
        >
          <option value="">All targets</option>
          {TARGET_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        label="From (UTC)"
        type="datetime-local"
        value={value.from}
        onChange={(e) => set("from", e.target.value)}
      />
      <TextField
        label="To (UTC)"
        type="datetime-local"
        value={value.to}
        onChange={(e) => set("to", e.target.value)}
      />
      <label className="col-span-full flex items-center gap-2 text-sm text-slate-700 2xl:order-last">
        <input
          type="checkbox"
          className="h-4 w-4 rounded border-slate-300"
          checked={value.signIns}
          onChange={(e) => set("signIns", e.target.checked)}
        />
        Show sign-ins
      </label>
      <button
        type="button"
        disabled={!dirty}
        onClick={() => onChange(EMPTY_FILTERS)}
        className="self-end rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400 disabled:hover:bg-transparent"
      >
        Clear
      </button>
    </form>
  );
}
