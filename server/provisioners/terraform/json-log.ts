// One line of Terraform's `-json` output (a machine-readable UI event) turned into a readable
// log line: the event's message, diagnostics with their detail and location, outputs by name
// only (their values never reach the log). Anything that is not an event is kept as printed.
// Every line is masked against the request's secrets.
import type { LogStream } from "../types";
import { maskText } from "./mask";

interface Diagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  range?: { filename?: string; start?: { line?: number } };
}

interface UiEvent {
  "@level"?: string;
  "@message"?: string;
  type?: string;
  diagnostic?: Diagnostic;
  outputs?: Record<string, unknown>;
}

export interface ReadLine {
  stream: LogStream;
  text: string;
  /** An error diagnostic's text: the reason a failed command gives. */
  error?: string;
}

function parse(raw: string): UiEvent | null {
  if (!raw.startsWith("{")) return null;
  try {
    const event = JSON.parse(raw) as unknown;
    return event && typeof event === "object" ? (event as UiEvent) : null;
  } catch {
    return null;
  }
}

function diagnosticText(d: Diagnostic): string {
  const where = d.range?.filename
    ? ` (${d.range.filename}${d.range.start?.line ? `:${d.range.start.line}` : ""})`
    : "";
  const severity = d.severity === "error" ? "Error" : "Warning";
  const detail = d.detail ? `: ${d.detail.replace(/\s+/g, " ").trim()}` : "";
  return `${severity}: ${d.summary ?? "(no summary)"}${detail}${where}`;
}

/** The log line for one line Terraform printed on stdout; null for a blank line. */
export function readJsonLine(raw: string, secrets: readonly string[]): ReadLine | null {
  const line = raw.trimEnd();
  if (!line.trim()) return null;
  const event = parse(line);
  if (!event) return { stream: "stdout", text: maskText(line, secrets) };
  const level = event["@level"];
  const stream: LogStream = level === "error" ? "stderr" : "stdout";
  let text = event["@message"] ?? "";
  if (event.type === "diagnostic" && event.diagnostic) text = diagnosticText(event.diagnostic);
  if (event.type === "outputs" && event.outputs) {
    const names = Object.keys(event.outputs);
    text = names.length ? `Outputs: ${names.join(", ")}` : "Outputs: none";
  }
  text = maskText(text, secrets);
  return level === "error" ? { stream, text, error: text } : { stream, text };
}
