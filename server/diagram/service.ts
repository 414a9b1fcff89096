import type { Actor, AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import type { Tx } from "../db";
import { AppError } from "../domain/errors";
import { assertNotBorrowed } from "../domain/references/rules";
import { borrowersOf } from "../repositories/publications";
import { applyOps, type Op } from "../domain/graph/ops";
import { entriesTouched, environmentsTouched } from "../domain/graph/touched";
import type { Diagram, InstanceConfig } from "../domain/graph/types";
import type { Role } from "../domain/roles";
import type { Known } from "../environment-state/record";
import * as repo from "../repositories/diagram";
import { keepStructure, readDiagramAround } from "../repositories/diagram-parts";
import { getProject } from "../repositories/projects";
import { type Catalog, loadCatalog } from "../rules/catalog";
import { rulesContext } from "../rules/context";
import { pinnedVersion } from "../rules/presets";
import { describeChange } from "./describe";
import { keepMoved, onlyMoves, writeMoves } from "./moves";
import { nextRevision, rebasedApply } from "./revision";

/** The diagram; with `environments`, only their instances and statuses (the canvas's read). */
export async function getDiagram(projectId: string, environments?: readonly string[]) {
  const stored = await repo.loadDiagram(projectId, undefined, environments);
  if (!stored) throw new AppError("NOT_FOUND", "Project not found");
  return stored;
}

/**
 * The catalog a canvas needs: every bundle version (slots, form, presets) and artifact type its
 * organization may see.
 */
export async function diagramCatalog(organizationId: string) {
  const { bundles, types, presets, settings } = await loadCatalog(organizationId);
  return {
    requireProductionPresets: settings.requireProductionPresets,
    bundles: [...bundles.values()].map(
      ({ name, version, description, icon, category, params, ui, connections, artifacts }) => ({
        name,
        version,
        description,
        icon,
        category,
        params,
        ui,
        inputs: connections.map(({ key, type, title, required }) => ({
          key,
          type,
          title,
          required,
        })),
        outputs: artifacts.map(({ key, type, title }) => ({ key, type, title })),
        presets: presets.filter((p) => p.bundle === name),
      }),
    ),
    artifactTypes: [...types.values()].map(({ name, label, color, orientation, policies }) => ({
      name,
      label,
      color,
      orientation,
      policies: policies.map(({ id, title, description, grants }) => ({
        id,
        title,
        description,
        grants: { ...grants },
      })),
    })),
  };
}

/**
 * The role a change is made with: a member's role, and owner for the system itself (the demo
 * seed). Anything else gets the least: the preset rules then treat it as no ops.
 */
export function actingRole(actor: Actor): Role {
  return actor.role ?? (actor.type === "system" ? "owner" : "viewer");
}

/**
 * Checks and writes `ops` on one project inside `tx`, moving it to the next revision. Based on
 * an older revision, the batch is rebased over the saves since when they touched nothing of its
 * and it still fits the diagram as it is now; otherwise it is a CONFLICT. Shared by the canvas's
 * saves and by changes made on a project's behalf (a preset upgrade applied by ops, a
 * promotion), so all pass the same rules
 * with the caller's `role`. The catalog is read once (or taken from `catalog`) and handed on
 * with the diagram the change leaves (`known`) and the environments it moved (`touched`), so
 * the environment history reads neither again.
 */
export async function writeDiagramOps(
  tx: Tx,
  projectId: string,
  baseRevision: number,
  ops: Op[],
  role: Role,
  catalog?: Catalog,
  { around = false }: { around?: boolean } = {},
) {
  const { revision, rebased } = await nextRevision(tx, projectId, baseRevision, ops);
  const project = await getProject(projectId, tx);
  if (!project) throw new AppError("NOT_FOUND", "Project not found");
  // `around`: only the instances and policy choices `ops` touch are read (and handed on).
  const stored = (await (around
    ? readDiagramAround(tx, projectId, ops, revision - 1)
    : repo.loadDiagram(projectId, tx)))!;
  const before = stored.diagram;
  const rules = catalog ?? (await loadCatalog(project.organizationId, tx));
  const after = rebasedApply(baseRevision, rebased, () =>
    applyOps(before, ops, rulesContext(rules, project, role)),
  );
  // applyOps refused ids already on this diagram; this also catches a line reusing a component's
  // id. Ids are unique per project only, so another project's ids answer as fresh ones do.
  const newIds = ops.flatMap((o) =>
    o.op === "addComponent" ? [o.component.id] : o.op === "addLink" ? [o.link.id] : [],
  );
  const taken = await repo.takenIds(tx, projectId, newIds);
  if (taken.length > 0)
    throw new AppError("CONFLICT", `id: "${taken[0]}" is already used; choose another id`);
  // A component other projects borrow from is not removed under them.
  for (const o of ops) {
    if (o.op !== "removeComponent") continue;
    const name = before.components.find((c) => c.id === o.id)?.name ?? o.id;
    assertNotBorrowed(`removing ${name}`, await borrowersOf({ projectId, componentId: o.id }, tx));
  }
  const bundleOf = (componentId: string) =>
    after.components.find((c) => c.id === componentId)?.bundle ?? "";
  const presetId = (bundle: string, config: InstanceConfig) =>
    pinnedVersion(rules.presets, bundle, config)?.id ?? null;
  await repo.writeOps(tx, projectId, withCopies(ops, after), bundleOf, presetId);
  // A diagram change moves no instance's status; a new row starts as a draft, as read back.
  // Read around `ops`, it also says what they moved: history records a delta of those entries.
  const known: Known = {
    project,
    stored: { revision, diagram: after, statuses: stored.statuses },
    catalog: rules,
    ...(around
      ? {
          partial: true,
          delta: {
            before: { ...stored, revision: baseRevision },
            scope: entriesTouched(ops, before),
          },
        }
      : {}),
  };
  const touched = environmentsTouched(
    ops,
    project.environments.map((e) => e.id),
  ).map((environmentId) => ({ projectId, environmentId }));
  return { project, revision, before, after, known, touched };
}

/**
 * `ops` as rows are written: a duplicate's copied configurations (resolved by applyOps) named
 * in its op. The added component's instances in `after` are those of the add, or of a later op
 * in the batch, which writes the same row again.
 */
function withCopies(ops: readonly Op[], after: Diagram): Op[] {
  return ops.map((o) =>
    o.op === "addComponent" && o.copyInstancesOf !== undefined
      ? { ...o, instances: after.instances[o.component.id] ?? {} }
      : o,
  );
}

export async function applyDiagramOps(
  ctx: AuditContext,
  projectId: string,
  baseRevision: number,
  ops: Op[],
) {
  // Moving components needs neither the diagram nor the catalog: an id check and their rows.
  if (onlyMoves(ops)) {
    const moved = await auditedWrite(ctx, (tx) => writeMoves(tx, projectId, baseRevision, ops));
    keepMoved(projectId, moved.revision, ops);
    return moved;
  }
  let kept: { revision: number; after: Diagram } | undefined;
  const saved = await auditedWrite(ctx, async (tx) => {
    const { project, revision, before, after, known, touched } = await writeDiagramOps(
      tx,
      projectId,
      baseRevision,
      ops,
      actingRole(ctx.actor),
      undefined,
      { around: true },
    );
    kept = { revision, after };
    const change = describeChange(before, after, ops, project.environments);
    return {
      result: { revision },
      touched,
      known: [known],
      audit: {
        organizationId: project.organizationId,
        ...change,
        target: { ...change.target, projectId },
      },
    };
  });
  // Committed: the next save to this project finds its components and lines here.
  if (kept) keepStructure(projectId, kept.revision, kept.after);
  return saved;
}
