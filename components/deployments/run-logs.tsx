"use client";
// A run's log as it is written: a subscription over Server-Sent Events that resumes after the
// last line it received when the connection drops. Lines are kept by sequence number (a resent
// line replaces itself); the view follows the end unless the reader scrolled up.
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc";

interface Line {
  seq: number;
  at: Date;
  stream: "stdout" | "stderr" | "system";
  text: string;
}

const STREAM_TONE: Record<Line["stream"], string> = {
  stdout: "bg-slate-700 text-slate-200",
  stderr: "bg-red-900 text-red-100",
  system: "bg-sky-900 text-sky-100",
};

export function RunLogs({
  target,
  active,
}: {
  target: { projectId: string; environmentId: string; deploymentId: string };
  active: boolean;
}) {
  const trpc = useTRPC();
  const [lines, setLines] = useState<Line[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const subscription = useSubscription(
    trpc.deployment.logs.subscriptionOptions(target, {
      onData: ({ data }) =>
        setLines((old) =>
          old.length > 0 && old[old.length - 1]!.seq < data.seq
            ? [...old, data]
            : [...old.filter((l) => l.seq !== data.seq), data].sort((a, b) => a.seq - b.seq),
        ),
    }),
  );
  useEffect(() => {
    if (lines.length > 0 && follow.current && box.current)
      box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <section aria-label="Logs" className="space-y-2">
      <div className="flex items-center gap-2">
        <h2 className="font-semibold">Logs</h2>
        {active ? (
          <span className="text-xs text-sky-700" data-testid="logs-live">
            ● live
          </span>
        ) : null}
        {subscription.error ? (
          <span role="alert" className="text-xs text-red-700">
            {subscription.error.message}
          </span>
        ) : null}
      </div>
      <div
        ref={box}
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className="max-h-[28rem] min-h-24 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100"
        data-testid="run-logs"
      >
        {lines.length === 0 ? (
          <p className="text-slate-400">{active ? "Waiting for output…" : "No output."}</p>
        ) : (
          lines.map((l) => (
            <div key={l.seq} className="flex gap-2" data-testid="log-line" data-stream={l.stream}>
              <span className="shrink-0 select-none text-slate-500" title={l.at.toISOString()}>
                {l.at.toISOString().slice(11, 19)}
              </span>
              <span className={`shrink-0 rounded px-1 text-[10px] ${STREAM_TONE[l.stream]}`}>
                {l.stream}
              </span>
              <span className="whitespace-pre-wrap break-all">{l.text}</span>
            </div>
          ))
        )}
      </div>
    </section>
  );
}
