// The canvas's sync: a queue of pending edits, the revision they are based on, and one loop
// that sends them in order. Nothing is dropped without the user being told:
// - a 5xx or a dropped connection keeps the edits and retries with backoff (the toolbar says
//   "Retrying in Ns…" or "Offline — N changes waiting");
// - a conflict (someone else saved first) fetches their diagram and merges the pending edits
//   onto it field by field (server/domain/graph/rebase.ts); edits that touch what they
//   changed are kept aside for a decision (keep mine / take theirs);
// - a refusal by the server's rules takes that one edit out and says why.
// Framework-free: the store wires it to tRPC and React Query, tests drive it directly.
import { applyOps, type Op } from "@/server/domain/graph/ops";
import { rebaseOps } from "@/server/domain/graph/rebase";
import type { Diagram } from "@/server/domain/graph/types";
import { covers, grown, type Held, widenDiagram, widenOps } from "./held-environments";
import { failureOf, type SaveFailure } from "./sync-failure";
import type { Snapshot, SyncConflict, SyncDeps, SyncView } from "./sync-types";

export type { Snapshot, SyncConflict, SyncDeps, SyncView };

/** One user action's ops, and the local diagram they were made against. */
interface Batch {
  ops: Op[];
  before: Diagram;
  label: string;
}

const backoffMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1));

type Refresh = { snapshot?: Snapshot; force: boolean; conflictOf?: number };

export function createSync(initial: Snapshot, deps: SyncDeps) {
  let confirmed = initial;
  let queue: Batch[] = [];
  let sending = 0;
  let conflicts: SyncConflict[] = [];
  let phase: SyncView["phase"] = "idle";
  let retryAt: number | null = null;
  let problem: string | null = null;
  let attempt = 0;
  let refresh: Refresh | null = null;
  let running = false;
  let counter = 0;
  let typing: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | null = null;
  /** The environments to hold: what is held, and what a switch or a deletion asked for since. */
  let wanted: Held = initial.environments;

  const view = (): SyncView => ({
    revision: confirmed.revision,
    waiting: queue.length + sending,
    phase,
    retryAt,
    conflicts,
    problem,
    held: confirmed.environments ?? null,
  });
  const publish = () => deps.publish(view());

  /** Fills in everything kept from before with the environments `snapshot` newly holds. */
  function widenTo(snapshot: Snapshot) {
    const held = confirmed.environments;
    if (covers(snapshot.environments, held) && covers(held, snapshot.environments)) return;
    // Undo entries share diagrams (one's after is the next's before): filled in once each.
    const done = new Map<Diagram, Diagram>();
    const diagram = (d: Diagram) => {
      const wide = done.get(d) ?? widenDiagram(d, snapshot.diagram, held);
      done.set(d, wide);
      return wide;
    };
    const ops = (o: Op[]) => widenOps(o, snapshot.diagram, held);
    queue = queue.map((b) => ({ ...b, before: diagram(b.before) }));
    conflicts = conflicts.map((c) => ({ ...c, base: diagram(c.base), ops: ops(c.ops) }));
    deps.widened?.({ diagram, ops });
  }

  /** Merges the queue onto `snapshot`: the new local diagram; clashes set aside. */
  function rebaseOnto(snapshot: Snapshot) {
    widenTo(snapshot);
    const ctx = deps.context();
    let onto = snapshot.diagram;
    const kept: Batch[] = [];
    for (const b of queue) {
      const r = rebaseOps(b.ops, b.before, onto, ctx);
      for (const c of r.conflicts)
        conflicts = [
          ...conflicts,
          {
            id: `conflict-${++counter}`,
            label: b.label,
            fields: c.fields,
            message: c.message,
            ops: [c.op],
            base: c.base,
          },
        ];
      if (r.ops.length > 0) kept.push({ ops: r.ops, before: onto, label: b.label });
      onto = r.diagram;
    }
    queue = kept;
    confirmed = snapshot;
    deps.replaceLocal(onto);
  }

  /** Takes the refused edit (or, not knowing which, every edit sent) out of the queue. */
  function refuse(sent: Batch[], failure: Extract<SaveFailure, { kind: "refused" }>) {
    let drop = sent;
    let at = failure.opIndex;
    let op: Op | undefined;
    if (at !== undefined)
      for (const b of sent) {
        if (at < b.ops.length) {
          drop = [b];
          op = b.ops[at];
          break;
        }
        at -= b.ops.length;
      }
    const { field, reason } = failure;
    for (const b of drop) deps.refused?.(b.label, failure.message, op && { op, field, reason });
    queue = [...sent.filter((b) => !drop.includes(b)), ...queue];
    rebaseOnto(confirmed);
  }

  async function pause(failure: SaveFailure) {
    attempt++;
    const delay = backoffMs(attempt);
    phase = deps.online && !deps.online() ? "offline" : "retrying";
    retryAt = Date.now() + delay;
    problem = failure.message;
    publish();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
    retryAt = null;
    problem = null;
  }

  async function doRefresh(r: Refresh) {
    let latest: Snapshot;
    try {
      // A snapshot from elsewhere holding fewer environments than wanted is read again.
      latest =
        r.snapshot && covers(r.snapshot.environments, wanted)
          ? r.snapshot
          : await deps.fetchLatest(wanted);
    } catch (error) {
      refresh = r;
      await pause(failureOf(error));
      return;
    }
    attempt = 0;
    if (latest.revision < confirmed.revision) {
      // Older than what my own saves confirmed: of no use, but the environments asked for
      // must still arrive (the canvas shows them loading until then).
      if (!covers(confirmed.environments, wanted)) refresh = { force: true };
      return;
    }
    const more = !covers(confirmed.environments, latest.environments);
    if (latest.revision === confirmed.revision && !more) {
      // A conflict while nobody moved the revision is about something else (an id taken).
      if (r.conflictOf !== undefined)
        refuse(queue.splice(0, r.conflictOf), {
          kind: "refused",
          message: "the server refused it as a conflict",
        });
      if (!r.force) return;
    }
    rebaseOnto(latest);
  }

  /** Replays my own saved ops on the diagram I had confirmed: the server's copy now. */
  function replay(diagram: Diagram, ops: Op[]): Diagram | null {
    try {
      return applyOps(diagram, ops, deps.context());
    } catch {
      return null;
    }
  }

  async function run() {
    if (running) return;
    running = true;
    try {
      while (phase !== "paused") {
        if (refresh) {
          const r = refresh;
          refresh = null;
          phase = "saving";
          await doRefresh(r);
          continue;
        }
        if (queue.length === 0) break;
        clearTimeout(typing);
        const sent = queue;
        queue = [];
        sending = sent.length;
        phase = "saving";
        publish();
        const ops = sent.flatMap((b) => b.ops);
        try {
          const { revision } = await deps.send(confirmed.revision, ops);
          const diagram = replay(confirmed.diagram, ops);
          sending = 0;
          attempt = 0;
          // Rebased by the server over others' saves (the revisions skipped): read them back.
          const rebased = revision !== confirmed.revision + 1;
          confirmed = { ...confirmed, revision, diagram: diagram ?? confirmed.diagram };
          if (diagram) deps.confirmed?.(confirmed);
          // Cannot tell what the server holds now: read it before sending more.
          if (!diagram || rebased) refresh = { force: true };
        } catch (error) {
          sending = 0;
          const failure = failureOf(error);
          if (failure.kind === "refused") {
            refuse(sent, failure);
            continue;
          }
          queue = [...sent, ...queue];
          if (failure.kind === "conflict") refresh = { force: true, conflictOf: sent.length };
          else if (failure.kind === "unauthorized") {
            phase = "paused";
            problem = failure.message;
          } else await pause(failure);
        }
      }
    } finally {
      running = false;
      if (phase !== "paused") phase = "idle";
      publish();
    }
  }

  const start = () => void run();

  return {
    view,
    confirmed: () => confirmed,
    /** Queues one user action; typing waits for a pause before it is sent. */
    push(batch: Batch, options: { typing?: boolean } = {}) {
      queue.push(batch);
      publish();
      clearTimeout(typing);
      if (options.typing && !running) typing = setTimeout(start, deps.typingDelay ?? 400);
      else start();
    },
    /** Reads the saved diagram and merges pending edits onto it (`force`: even if not newer). */
    refresh(force = true) {
      refresh = { force };
      start();
    },
    /**
     * Hold the instances of `environments` too ("all": every environment): read the diagram
     * with them before sending anything more, and merge the pending edits onto it.
     */
    hold(environments: readonly string[] | "all") {
      const next = grown(wanted, environments);
      if (covers(wanted, next)) return;
      wanted = next;
      refresh = { ...refresh, force: true };
      start();
    },
    /** A newer diagram arrived by other means (a query refetch): merge onto it. */
    adopt(snapshot: Snapshot) {
      if (snapshot.revision <= confirmed.revision) return;
      refresh = { snapshot, force: false };
      start();
    },
    /** Retry now instead of waiting for the backoff (or after signing in again). */
    retryNow() {
      if (phase === "paused") phase = "idle";
      attempt = 0;
      if (wake) wake();
      else start();
    },
    /** Removes a conflict from the list (the store re-applies it first when "keep mine"). */
    settle(id: string): SyncConflict | undefined {
      const found = conflicts.find((c) => c.id === id);
      conflicts = conflicts.filter((c) => c.id !== id);
      publish();
      return found;
    },
  };
}
