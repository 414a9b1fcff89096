"use client";
// An organization setting only owners change (the guardrails): owners get a checkbox that shows
// their choice at once while it saves (a refusal puts the stored value back); everyone else
// reads whether it is on. The server decides who may change it; this only explains.
import { type ReactNode, useId, useState } from "react";

export function OwnerSwitch({
  title,
  heading = "text-sm",
  value,
  isOwner,
  label,
  describe,
  note,
  pending,
  error,
  onChange,
}: {
  title: string;
  /** The heading's size class. */
  heading?: string;
  /** The stored value; undefined while it loads. */
  value: boolean | undefined;
  isOwner: boolean;
  /** The checkbox's label (what "on" means). */
  label: string;
  /** What a non-owner reads for the stored value. */
  describe: (on: boolean) => ReactNode;
  note?: ReactNode;
  pending: boolean;
  error: { message: string } | null;
  /** Saves `next`; `settled` runs once the server has answered, either way. */
  onChange: (next: boolean, settled: () => void) => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState<boolean | null>(null);
  const on = choice ?? value;
  return (
    <section
      aria-labelledby={`${id}-h`}
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={`${id}-h`} className={`${heading} font-semibold`}>
        {title}
      </h2>
      {on === undefined ? (
        <p className="mt-1 text-sm text-slate-500">Loading…</p>
      ) : isOwner ? (
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={on}
            disabled={pending}
            onChange={(e) => {
              setChoice(e.target.checked);
              onChange(e.target.checked, () => setChoice(null));
            }}
            className="rounded border-slate-300 text-brand-600"
          />
          {label}
        </label>
      ) : (
        <p className="mt-1 text-sm text-slate-700">
          {describe(on)} <span className="text-slate-500">Only an owner can change this.</span>
        </p>
      )}
      {note ? <p className="mt-1 text-xs text-slate-500">{note}</p> : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
    </section>
  );
}
