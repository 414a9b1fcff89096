// What the command line prints: aligned tables and progress for people (colour only on a
// terminal without NO_COLOR), exactly one JSON document with --json, errors on stderr.
import pc from "picocolors";

export const colors = pc.createColors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);

/** Columns padded to their widest cell; the last column is never padded. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [
    headers,
    ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)))),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [colors.bold(line(cells[0]!)), ...cells.slice(1).map(line)].join("\n");
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function println(text = ""): void {
  process.stdout.write(`${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`${text}\n`);
}

const STATUS_COLOR: Record<string, (s: string) => string> = {
  succeeded: colors.green,
  planned: colors.green,
  running: colors.cyan,
  queued: colors.cyan,
  failed: colors.red,
  aborted: colors.yellow,
};

export function status(value: string): string {
  return (STATUS_COLOR[value] ?? ((s: string) => s))(value);
}

export function date(value: Date | null | undefined): string {
  return value ? value.toISOString().replace(/\.\d{3}Z$/, "Z") : "";
}
