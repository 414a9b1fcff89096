"use client";
// Time travel's controls: a window ("last hour" … "last 30 days") and two sliders over the
// moments the environment changed in it: "From" (the left side; position 0 is the window's
// start, position k "right after the k-th change") and "To" (the right side; its last
// position is now).
import { useQuery } from "@tanstack/react-query";
import { formatUtc } from "@/components/audit/format";
import { useTRPC } from "@/components/trpc";

const WINDOWS = [
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "3h", label: "Last 3 hours", ms: 3 * 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 24 * 3_600_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * 3_600_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 24 * 3_600_000 },
] as const;
export type TimeWindow = (typeof WINDOWS)[number]["value"];

export const windowOf = (value: string | null): TimeWindow =>
  WINDOWS.find((w) => w.value === value)?.value ?? "1h";

/** Where `value` starts if it ends now (ISO). */
export const windowStart = (value: TimeWindow): string =>
  new Date(Date.now() - WINDOWS.find((w) => w.value === value)!.ms).toISOString();

const clock = (iso: string) => formatUtc(new Date(iso));

interface Props {
  projectId: string;
  environment: { id: string; name: string };
  window: TimeWindow;
  /** ISO start of the window, fixed when the window was chosen (so the query key stays put). */
  since: string;
  /** The left moment (ISO), or null for the window's start. */
  at: string | null;
  /** The right moment (ISO), or null for now. */
  to: string | null;
  onWindow: (value: TimeWindow) => void;
  onAt: (iso: string | null) => void;
  onTo: (iso: string | null) => void;
}

/** Positions 0 … count: the window's start, then right after each change. */
function MomentSlider({
  label,
  count,
  value,
  valueText,
  onChange,
}: {
  label: string;
  count: number;
  value: number;
  valueText: string;
  onChange: (position: number) => void;
}) {
  return (
    <label className="flex min-w-[14rem] flex-1 items-center gap-3 text-sm">
      <span className="whitespace-nowrap text-slate-600">{label}</span>
      <input
        type="range"
        aria-label={label}
        aria-valuetext={valueText}
        className="flex-1 accent-brand-600"
        min={0}
        max={count}
        step={1}
        value={value}
        disabled={count === 0}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}

export function TimeBar({
  projectId,
  environment,
  window,
  since,
  at,
  to,
  onWindow,
  onAt,
  onTo,
}: Props) {
  const trpc = useTRPC();
  const history = useQuery(
    trpc.compare.history.queryOptions({ projectId, environmentId: environment.id, since }),
  );
  const moments = history.data?.moments ?? [];
  // The slider's position: the last change at or before the chosen moment.
  const position = at ? moments.filter((m) => m.at <= at).length : 0;
  const toPosition = to ? moments.filter((m) => m.at <= to).length : moments.length;
  const describe = (k: number) => {
    const m = k > 0 ? moments[k - 1] : undefined;
    return m
      ? `${clock(m.at)}, after ${m.action ?? "a change"}${m.actor ? ` by ${m.actor}` : ""}`
      : `${clock(since)}, start of the window`;
  };
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-slate-50 px-4 py-2"
      data-testid="time-bar"
    >
      <label className="flex items-center gap-2 text-sm">
        <span className="text-slate-600">Window</span>
        <select
          aria-label="Window"
          className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
          value={window}
          onChange={(e) => onWindow(windowOf(e.target.value))}
        >
          {WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      <MomentSlider
        label="From"
        count={moments.length}
        value={position}
        valueText={describe(position)}
        onChange={(k) => onAt(k > 0 ? moments[k - 1]!.at : null)}
      />
      <MomentSlider
        label="To"
        count={moments.length}
        value={toPosition}
        valueText={to ? describe(toPosition) : "now"}
        onChange={(k) => onTo(k === moments.length ? null : k > 0 ? moments[k - 1]!.at : since)}
      />
      <p className="w-full text-sm text-slate-700" data-testid="time-moment" aria-live="polite">
        {history.isLoading
          ? "Reading the history…"
          : moments.length === 0
            ? `${environment.name} did not change in this window: it is the same as now.`
            : `${environment.name} at ${describe(position)} → ${to ? describe(toPosition) : "now"} · ${moments.length} ${moments.length === 1 ? "change" : "changes"} in the window`}
      </p>
      {history.data?.truncated ? (
        <p className="text-xs text-amber-700">
          Only the first {moments.length} changes are on the slider: pick a shorter window.
        </p>
      ) : null}
      {history.data?.recordedFrom && history.data.recordedFrom > since ? (
        <p className="w-full text-xs text-slate-500">
          History of {environment.name} is recorded from {clock(history.data.recordedFrom)}.
        </p>
      ) : null}
    </div>
  );
}
