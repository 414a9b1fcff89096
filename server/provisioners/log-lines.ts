// Turning what a provider prints into log lines: one line per newline, stamped when read.
import type { LogSink, LogStream } from "./types";

/** A sink for messages of the provisioner itself (`system` lines). */
export function systemLog(onLog: LogSink): (text: string) => void {
  return (text) => onLog({ at: new Date().toISOString(), stream: "system", text });
}

/**
 * Feeds chunks of a byte stream and emits complete lines; `flush` emits a last line without
 * a newline. Chunks may split a line (or a UTF-8 character) anywhere.
 */
export function lineSplitter(stream: LogStream, onLog: LogSink) {
  const decoder = new TextDecoder();
  let pending = "";
  const emit = (text: string) => onLog({ at: new Date().toISOString(), stream, text });
  return {
    push(chunk: Uint8Array) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) emit(line.replace(/\r$/, ""));
    },
    flush() {
      pending += decoder.decode();
      if (pending) emit(pending);
      pending = "";
    },
  };
}
