// A run's log, written as it happens: lines are numbered in order and flushed to the table in
// small batches (every 250 ms, or 100 lines), so a reader polling the table sees them within a
// fraction of a second without a write per line.
import { appendLogs, lastLogSeq, type LogRow } from "../repositories/runs";
import type { LogLine, LogSink } from "../provisioners/types";

const FLUSH_MS = 250;
const FLUSH_LINES = 100;
/** A line longer than this is cut: a runaway provider must not fill the table. */
const MAX_LINE = 8_000;

export class RunLog {
  private seq = 0;
  private pending: LogRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly runId: string) {}

  /** Continues after the lines already stored (a run re-claimed after a lost worker). */
  static async open(runId: string): Promise<RunLog> {
    const log = new RunLog(runId);
    log.seq = await lastLogSeq(runId);
    return log;
  }

  readonly sink: LogSink = (line: LogLine) => {
    this.seq += 1;
    const text = line.text.length > MAX_LINE ? `${line.text.slice(0, MAX_LINE)} …` : line.text;
    this.pending.push({ seq: this.seq, at: new Date(line.at), stream: line.stream, line: text });
    if (this.pending.length >= FLUSH_LINES) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  };

  system(text: string): void {
    this.sink({ at: new Date().toISOString(), stream: "system", text });
  }

  /** Writes what is pending; batches go out one after another, in order. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() => appendLogs(this.runId, batch)).catch(() => {});
    return this.writing;
  }
}
