// The time slider's moments, read for people: where "From" opens, and how each position is
// labelled (time, action, actor). Pure: tested beside it.
import { formatUtc } from "@/server/domain/time";

export interface Moment {
  at: string;
  action: string | null;
  actor: string | null;
}

/**
 * Where "From" opens when the URL names no moment: right before the latest change (so the view
 * shows what that change did), or the window's start when there is at most one change.
 */
export function defaultFromPosition(count: number): number {
  return Math.max(0, count - 1);
}

/** The moment (ISO) of slider position `k`: the window's start at 0, else right after change k. */
export function momentAt(moments: readonly Moment[], k: number, since: string): string {
  return k > 0 ? (moments[k - 1]?.at ?? since) : since;
}

/** The slider position of an ISO moment: how many changes happened at or before it. */
export function positionOf(moments: readonly Moment[], at: string): number {
  return moments.filter((m) => m.at <= at).length;
}

/** "component.added" → "component added". */
const readable = (action: string) => action.replaceAll(/[._]/g, " ");

/** A moment's short label for the slider's ticks: "14:05:09 · component added · ops@acme.test". */
export function momentLabel(moment: Moment): string {
  const time = moment.at.slice(11, 19);
  return [time, moment.action ? readable(moment.action) : "a change", moment.actor]
    .filter(Boolean)
    .join(" · ");
}

/** The slider's spoken value: "2026-11-21 10:42:13 UTC, after component.added by ops@acme.test". */
export function describePosition(moments: readonly Moment[], k: number, since: string): string {
  const m = k > 0 ? moments[k - 1] : undefined;
  return m
    ? `${formatUtc(new Date(m.at))}, after ${m.action ?? "a change"}${m.actor ? ` by ${m.actor}` : ""}`
    : `${formatUtc(new Date(since))}, start of the window`;
}
