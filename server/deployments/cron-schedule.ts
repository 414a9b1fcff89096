// When an environment's drift checks run on their own: a 5-field cron expression read in UTC.
// A tick (every minute, on one worker) asks whether the expression fires in the minutes since
// the environment's last tick; so a tick that comes late, or a process that was down, still
// checks once, never once per missed minute.
import cronParser from "cron-parser";

const FIELDS = 5;

/** Why `cron` is not a schedule (the rule it breaks), or null when it is one. */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== FIELDS)
    return `must be a cron expression of 5 fields (minute hour day-of-month month day-of-week), e.g. "0 * * * *"; got ${fields.length}`;
  try {
    cronParser.parseExpression(cron, { tz: "UTC" });
    return null;
  } catch (error) {
    return `must be a valid cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Whether `cron` fires in (lastTick, now]. With no tick yet, only the current minute counts:
 * setting a schedule never checks for the times before it was set.
 */
export function isDriftCheckDue(cron: string, lastTick: Date | null, now: Date): boolean {
  if (cronProblem(cron)) return false;
  const from = lastTick ?? new Date(now.getTime() - 60_000);
  if (from >= now) return false;
  const next = cronParser.parseExpression(cron, { tz: "UTC", currentDate: from }).next().toDate();
  return next <= now;
}
