// Environment history: after an audited change, the state of every environment it touched
// is recorded in the same transaction — only when it differs from that environment's last
// recorded state — so time travel can read "production at 10:42" back without replaying.
// A change that already read its project, diagram and catalog hands them over (`Known`), so
// recording reads only what is per environment: secrets, outputs, defaults. A diagram change
// also says which entries it can have moved: those alone are built, before and after, and a
// delta of what differs is recorded, so its cost follows the change, not the project. Every
// MAX_DEPTH deltas (and on any other change) the whole state is recorded as a checkpoint.
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/canonical";
import type { RecordedEvent } from "../audit/types";
import type { Tx } from "../db";
import { type SnapshotScope, snapshotDelta } from "../domain/diff/delta";
import type { EnvironmentSnapshot, SnapshotEnvironment } from "../domain/diff/types";
import { loadDiagram, type StoredDiagram } from "../repositories/diagram";
import {
  insertHistoryDeltas,
  insertHistoryRowIfChanged,
  newestRows,
  stateAt,
} from "../repositories/history";
import { environmentsStateRows } from "../repositories/snapshots";
import { getProject } from "../repositories/projects";
import { type Catalog, loadCatalog } from "../rules/catalog";
import { snapshotNow } from "./now";

/** An environment a change may have moved; without `environmentId`, all of the project's. */
export interface Touched {
  projectId: string;
  environmentId?: string;
}

/**
 * What a change already read of one project, as the change leaves it. Recording from it must
 * give the state a fresh read would (history.integration.test.ts checks that it does).
 */
export interface Known {
  project: { id: string; organizationId: string; environments: readonly SnapshotEnvironment[] };
  /** The diagram after the change (its statuses as read before it: a diagram change moves none). */
  stored: StoredDiagram;
  catalog: Catalog;
  /** The diagram before the change and the entries it can have moved: record a delta. */
  delta?: { before: StoredDiagram; scope: SnapshotScope };
  /** Only `delta`'s entries carry their instances: a whole state is read afresh. */
  partial?: boolean;
}

/** Deltas after a checkpoint before the next change records a checkpoint again. */
const MAX_DEPTH = 40;

const byId = <T extends { id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * What "the state did not change" compares. Components and lines are taken in id order: their
 * stored order follows creation time, which a change that hands its diagram over cannot
 * always know (several created in one millisecond), and which says nothing about the state.
 */
function stateHash(state: EnvironmentSnapshot): string {
  // `at` is not part of the state (a replayed one carries none either).
  const { at: _at, ...rest } = state;
  return hashOf({ ...rest, components: byId(state.components), links: byId(state.links) });
}

async function load(projectId: string, tx: Tx, known: readonly Known[]): Promise<Known | null> {
  const given = known.find((k) => k.project.id === projectId);
  if (given) return given;
  const [project, stored] = await Promise.all([
    getProject(projectId, tx),
    loadDiagram(projectId, tx),
  ]);
  if (!project || !stored) return null; // the change deleted the project
  return { project, stored, catalog: await loadCatalog(project.organizationId, tx) };
}

export async function recordEnvironmentStates(
  tx: Tx,
  touched: readonly Touched[],
  event: RecordedEvent,
  known: readonly Known[] = [],
): Promise<void> {
  const byProject = new Map<string, Set<string> | "all">();
  for (const t of touched) {
    const seen = byProject.get(t.projectId);
    if (seen === "all") continue;
    if (!t.environmentId) byProject.set(t.projectId, "all");
    else byProject.set(t.projectId, (seen ?? new Set()).add(t.environmentId));
  }
  for (const [projectId, scope] of byProject) {
    const state = await load(projectId, tx, known);
    if (!state) continue;
    const { project, stored, catalog } = state;
    const environments = project.environments.filter((e) => scope === "all" || scope.has(e.id));
    if (environments.length === 0) continue;
    const positions = Object.fromEntries(
      stored.diagram.components.map((c) => [c.id, [c.x, c.y] as [number, number]]),
    );
    // Deltas first, for every environment whose newest row they can go over, in one go.
    const newest = await newestRows(
      tx,
      environments.map((e) => e.id),
    );
    const row = (e: { id: string }) => ({
      environmentId: e.id,
      projectId,
      at: event.at,
      auditEventId: event.id,
    });
    // Every environment with a row to go over; one whose deltas are MAX_DEPTH deep gets a
    // checkpoint instead, and the delta has already said whether its state moved at all.
    const viaDelta = state.delta ? environments.filter((e) => newest.has(e.id)) : [];
    const checkpointDue = new Set<string>();
    if (state.delta && viaDelta.length > 0) {
      const { before, scope } = state.delta;
      const rows = await environmentsStateRows(
        viaDelta.map((e) => e.id),
        [...scope.components],
        tx,
      );
      const deltas = [];
      for (const e of viaDelta) {
        const options = { tx, only: scope, rows: rows.get(e.id)! };
        const delta = snapshotDelta(
          await snapshotNow(before, view(e), catalog, options),
          await snapshotNow(stored, view(e), catalog, options),
        );
        if (!delta) continue;
        if (newest.get(e.id)!.depth >= MAX_DEPTH) {
          checkpointDue.add(e.id);
          continue;
        }
        const moved = delta.components.map((c) => c.id);
        deltas.push({
          ...row(e),
          hash: `delta:${hashOf(delta)}`,
          delta,
          positions: pick(positions, moved),
          depth: newest.get(e.id)!.depth + 1,
        });
      }
      await insertHistoryDeltas(tx, deltas);
    }
    // The whole state: a first row, a checkpoint, or a change that did not say what it moved.
    let whole: StoredDiagram | undefined;
    for (const e of environments) {
      const due = checkpointDue.has(e.id);
      if (viaDelta.includes(e) && !due) continue;
      whole ??= state.partial ? (await loadDiagram(projectId, tx))! : stored;
      const snapshot = await snapshotNow(whole, view(e), catalog, { tx });
      const hash = stateHash(snapshot);
      // Over a delta, the newest state is replayed to tell whether this one differs (unless
      // this change's own delta said so).
      const last = newest.get(e.id);
      if (last && !last.checkpoint && !due) {
        const current = await stateAt(e.id, "newest", tx);
        if (current && stateHash(current.state) === hash) continue;
      }
      await insertHistoryRowIfChanged(tx, { ...row(e), hash, state: snapshot, positions });
    }
  }
}

const view = (e: SnapshotEnvironment): SnapshotEnvironment => ({
  id: e.id,
  slug: e.slug,
  name: e.name,
  class: e.class,
});

const hashOf = (value: unknown) => createHash("sha256").update(canonicalJson(value)).digest("hex");

function pick<T>(all: Record<string, T>, ids: readonly string[]): Record<string, T> {
  return Object.fromEntries(ids.flatMap((id) => (all[id] === undefined ? [] : [[id, all[id]!]])));
}
