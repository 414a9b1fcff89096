// Environment history: after an audited change, the state of every environment it touched
// is recorded in the same transaction — only when it differs from that environment's last
// recorded state — so time travel can read "production at 10:42" back without replaying.
// A change that already read its project, diagram and catalog hands them over (`Known`), so
// recording reads only what is per environment: secrets, outputs, defaults.
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/canonical";
import type { RecordedEvent } from "../audit/types";
import type { Tx } from "../db";
import type { EnvironmentSnapshot, SnapshotEnvironment } from "../domain/diff/types";
import { loadDiagram, type StoredDiagram } from "../repositories/diagram";
import { insertHistoryRowIfChanged } from "../repositories/history";
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
}

const byId = <T extends { id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * What "the state did not change" compares. Components and lines are taken in id order: their
 * stored order follows creation time, which a change that hands its diagram over cannot
 * always know (several created in one millisecond), and which says nothing about the state.
 */
function stateHash(state: EnvironmentSnapshot): string {
  const ordered = { ...state, components: byId(state.components), links: byId(state.links) };
  return createHash("sha256").update(canonicalJson(ordered)).digest("hex");
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
    for (const e of environments) {
      const snapshot = await snapshotNow(
        stored,
        { id: e.id, slug: e.slug, name: e.name, class: e.class },
        catalog,
        tx,
      );
      await insertHistoryRowIfChanged(tx, {
        environmentId: e.id,
        projectId,
        at: event.at,
        auditEventId: event.id,
        hash: stateHash(snapshot),
        state: snapshot,
        positions,
      });
    }
  }
}
