// Environment history: after an audited change, the state of every environment it touched
// is recorded in the same transaction — only when it differs from that environment's last
// recorded state — so time travel can read "production at 10:42" back without replaying.
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/canonical";
import { loadSnapshotCatalog, snapshotNow } from "../compare/snapshot-now";
import type { Tx } from "../db";
import { loadDiagram } from "../repositories/diagram";
import { insertHistoryRow, latestHash } from "../repositories/history";
import { getProject } from "../repositories/projects";

/** An environment a change may have moved; without `environmentId`, every environment of the project. */
export interface Touched {
  projectId: string;
  environmentId?: string;
}

export interface RecordedEvent {
  id: string;
  at: Date;
}

export async function recordEnvironmentStates(
  tx: Tx,
  touched: readonly Touched[],
  event: RecordedEvent,
): Promise<void> {
  const byProject = new Map<string, Set<string> | "all">();
  for (const t of touched) {
    const seen = byProject.get(t.projectId);
    if (seen === "all") continue;
    if (!t.environmentId) byProject.set(t.projectId, "all");
    else byProject.set(t.projectId, (seen ?? new Set()).add(t.environmentId));
  }
  for (const [projectId, scope] of byProject) {
    const [project, stored] = await Promise.all([
      getProject(projectId, tx),
      loadDiagram(projectId, tx),
    ]);
    if (!project || !stored) continue; // the change deleted the project
    const environments = project.environments.filter((e) => scope === "all" || scope.has(e.id));
    if (environments.length === 0) continue;
    const catalog = await loadSnapshotCatalog(project.organizationId, tx);
    const positions = Object.fromEntries(
      stored.diagram.components.map((c) => [c.id, [c.x, c.y] as [number, number]]),
    );
    for (const e of environments) {
      const state = await snapshotNow(
        stored,
        { id: e.id, slug: e.slug, name: e.name, class: e.class },
        catalog,
        tx,
      );
      const hash = createHash("sha256").update(canonicalJson(state)).digest("hex");
      if ((await latestHash(tx, e.id)) === hash) continue;
      await insertHistoryRow(tx, {
        environmentId: e.id,
        projectId,
        at: event.at,
        auditEventId: event.id,
        hash,
        state,
        positions,
      });
    }
  }
}
