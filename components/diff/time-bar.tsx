"use client";
// Time travel's controls: a window ("last hour" … "last 30 days") and two sliders over the
// moments the environment changed in it: "From" (the left side; position 0 is the window's
// start, position k "right after the k-th change") and "To" (the right side; its last
// position is now). Each moment is labelled under the sliders (time, action, actor) and can be
// picked there; arrow keys on a slider step through them one by one.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { formatUtc } from "@/components/audit/format";
import { useTRPC } from "@/components/trpc";
import { plural } from "@/components/ui/plural";
import { describePosition, type Moment, momentAt, momentLabel, positionOf } from "./moments";

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
  /** The left moment (ISO): the URL's, else the default (right before the latest change). */
  at: string;
  /** The right moment (ISO), or null for now. */
  to: string | null;
  onWindow: (value: TimeWindow) => void;
  onAt: (iso: string) => void;
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
  // The position follows a key or a drag at once; `value` comes from the address, which the
  // router updates a moment later. Without this, a second arrow key pressed before it did was
  // applied to the old position (two presses moved one step).
  const [moved, setMoved] = useState<{ from: number; to: number } | null>(null);
  // Any new position from the address ends it (a tick picked later must not meet it again).
  useEffect(() => setMoved((m) => (m && m.from !== value ? null : m)), [value]);
  const shown = moved && moved.from === value ? moved.to : value;
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
        value={shown}
        disabled={count === 0}
        onChange={(e) => {
          const to = Number(e.target.value);
          setMoved({ from: value, to });
          onChange(to);
        }}
      />
    </label>
  );
}

/** The moments as labelled ticks: picking one moves "From" right after it. */
function MomentList({
  moments,
  from,
  onPick,
}: {
  moments: readonly Moment[];
  from: number;
  onPick: (position: number) => void;
}) {
  if (moments.length === 0) return null;
  return (
    <ol
      aria-label="Changes on the slider"
      className="flex max-h-20 w-full flex-wrap gap-1.5 overflow-y-auto text-xs"
      data-testid="time-moments"
    >
      {moments.map((m, i) => {
        const current = from === i + 1;
        return (
          <li key={`${m.at}-${i}`}>
            <button
              type="button"
              aria-current={current ? "step" : undefined}
              title={`From right after this change (${formatUtc(new Date(m.at))})`}
              className={`rounded px-1.5 py-0.5 ring-1 ring-inset ${current ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-100"}`}
              onClick={() => onPick(i + 1)}
            >
              <span className="mr-1 font-semibold">{i + 1}</span>
              {momentLabel(m)}
            </button>
          </li>
        );
      })}
    </ol>
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
  const position = positionOf(moments, at);
  const toPosition = to ? positionOf(moments, to) : moments.length;
  const describe = (k: number) => describePosition(moments, k, since);
  // Position 0 is written as the window's start itself: no moment in the URL means the default.
  const pickFrom = (k: number) => onAt(momentAt(moments, k, since));
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
        onChange={pickFrom}
      />
      <MomentSlider
        label="To"
        count={moments.length}
        value={toPosition}
        valueText={to ? describe(toPosition) : "now"}
        onChange={(k) => onTo(k === moments.length ? null : k > 0 ? moments[k - 1]!.at : since)}
      />
      <MomentList moments={moments} from={position} onPick={pickFrom} />
      <p className="w-full text-sm text-slate-700" data-testid="time-moment" aria-live="polite">
        {history.isLoading
          ? "Reading the history…"
          : moments.length === 0
            ? `${environment.name} did not change in this window: it is the same as now.`
            : `${environment.name} at ${describe(position)} → ${to ? describe(toPosition) : "now"} · ${plural(moments.length, "change")} in the window`}
      </p>
      {history.data?.truncated ? (
        <p className="text-xs text-amber-700">
          Only the first {plural(moments.length, "change")} are on the slider: pick a shorter
          window.
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
