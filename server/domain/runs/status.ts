// The life of one run: a state machine the database row follows and the queue never decides.
// Every status change goes through `nextStatus`, so an illegal jump (a finished run started
// again, a plan "succeeding" into an applied state) is refused with the rule it broke.
import { AppError } from "../errors";

export type RunKind = "plan" | "apply" | "destroy";

export type RunStatus = "queued" | "running" | "planned" | "succeeded" | "failed" | "aborted";

/**
 * What happens to a run: a worker claims it (`start`), the provisioner finishes (`succeed`,
 * `fail`), someone aborts it, or the worker running it is lost (`fail` with a reason).
 */
export type RunEvent = "start" | "succeed" | "fail" | "abort";

/**
 * A run holds its instance while queued or running: the database allows one such run per
 * instance (a partial unique index over exactly these statuses).
 */
export const ACTIVE_STATUSES = ["queued", "running"] as const satisfies readonly RunStatus[];

/**
 * Finished runs never change again. A plan ends `planned`: its reviewed changes are applied by
 * a new apply run that names it, so a plan waiting for review never blocks the instance.
 */
export const TERMINAL_STATUSES = [
  "planned",
  "succeeded",
  "failed",
  "aborted",
] as const satisfies readonly RunStatus[];

export function isActive(status: RunStatus): boolean {
  return (ACTIVE_STATUSES as readonly RunStatus[]).includes(status);
}

export function isTerminal(status: RunStatus): boolean {
  return (TERMINAL_STATUSES as readonly RunStatus[]).includes(status);
}

type TransitionRule = "terminal" | "not-started" | "already-running" | "unknown-event";

export interface TransitionError {
  rule: TransitionRule;
  message: string;
}

/** The status after `event`, or the rule it would break. Pure; never throws. */
export function transition(
  run: { kind: RunKind; status: RunStatus },
  event: RunEvent,
): { status: RunStatus } | { error: TransitionError } {
  const { kind, status } = run;
  const refuse = (rule: TransitionRule, why: string) => ({
    error: { rule, message: `A ${status} ${kind} run cannot ${event}: ${why}` },
  });
  if (isTerminal(status)) return refuse("terminal", "it has finished and never changes again");
  switch (event) {
    case "start":
      return status === "queued"
        ? { status: "running" }
        : refuse("already-running", "a worker already claimed it");
    case "succeed":
      if (status !== "running") return refuse("not-started", "no worker has started it yet");
      return { status: kind === "plan" ? "planned" : "succeeded" };
    // A queued run may fail before it starts (its snapshot turned out to be blocked) and be
    // aborted before a worker claims it; a running one may do both at any time.
    case "fail":
      return { status: "failed" };
    case "abort":
      return { status: "aborted" };
    default:
      return refuse("unknown-event", "no such event");
  }
}

/** `transition` for write paths: the next status, or a CONFLICT AppError naming the rule. */
export function nextStatus(run: { kind: RunKind; status: RunStatus }, event: RunEvent): RunStatus {
  const result = transition(run, event);
  if ("error" in result)
    throw new AppError("CONFLICT", result.error.message, { rule: result.error.rule });
  return result.status;
}
