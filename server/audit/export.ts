// Audit export as JSON Lines or CSV (RFC 4180 quoting: fields with a comma, quote or newline
// are quoted, quotes doubled — one small function, not worth a dependency).
import type { AuditEventDto } from "../repositories/audit";

const CSV_COLUMNS = [
  "seq",
  "at",
  "actorType",
  "actorLabel",
  "actorRole",
  "action",
  "outcome",
  "targetType",
  "targetId",
  "projectId",
  "environmentId",
  "componentId",
  "before",
  "after",
  "requestId",
  "ip",
  "userAgent",
  "hash",
] as const;

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ""
      : value instanceof Date
        ? value.toISOString()
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(events: AuditEventDto[]): string {
  const rows = events.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(","));
  return `${[CSV_COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}

export function toJsonLines(events: AuditEventDto[]): string {
  return (
    events.map((e) => JSON.stringify({ ...e, at: e.at.toISOString() })).join("\n") +
    (events.length ? "\n" : "")
  );
}
