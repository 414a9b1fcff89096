export { formatUtc } from "@/server/domain/time";

const UNITS: [limit: number, seconds: number, unit: string][] = [
  [60, 1, "s"],
  [3600, 60, "min"],
  [86_400, 3600, "h"],
  [86_400 * 30, 86_400, "d"],
  [86_400 * 365, 86_400 * 30, "mo"],
  [Infinity, 86_400 * 365, "y"],
];

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function relativeTime(at: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 10) return "just now";
  const [, size, unit] = UNITS.find(([limit]) => seconds < limit)!;
  return `${Math.floor(seconds / size)} ${unit} ago`;
}

/** A datetime-local value read as UTC (the log shows UTC throughout); undefined when incomplete. */
export function parseUtcInput(value: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function pick(snapshot: unknown, key: string): string | undefined {
  if (!snapshot || typeof snapshot !== "object") return undefined;
  const value = (snapshot as Record<string, unknown>)[key];
  return typeof value === "string" && value ? value : undefined;
}

/** A readable name for what an event touched: its slug or name when the snapshot has one. */
export function targetLabel(event: {
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}): string {
  const name =
    pick(event.after, "slug") ??
    pick(event.before, "slug") ??
    pick(event.after, "name") ??
    pick(event.before, "name");
  if (name) return `${event.targetType} ${name}`;
  return event.targetId ? `${event.targetType} ${event.targetId.slice(0, 10)}` : event.targetType;
}
