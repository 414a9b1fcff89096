import { RUN_TONE, type RunStatus } from "./run-format";

/** A run's status as a small pill. */
export function RunBadge({ status, className = "" }: { status: RunStatus; className?: string }) {
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${RUN_TONE[status]} ${className}`}
      data-testid="run-status"
      data-status={status}
    >
      {status}
    </span>
  );
}
