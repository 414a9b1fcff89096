// Reading and changing a project's diagram. Every change is a batch of diagram operations
// based on a revision: refused whole when the project moved on (CONFLICT) or when any
// operation breaks a rule (BAD_REQUEST naming the op and field), else written with one
// audit event. Authorization is the router's job.
import { randomBytes } from "node:crypto";
import type { Actor } from "../audit/types";
import type { AuditContext } from "../audit/write";
import { auditedWrite } from "../audit/write";
import { AppError } from "../domain/errors";
import { applyOps, type Op } from "../domain/graph/ops";
import type { Tx } from "../db";
import type { EnvironmentClass } from "../domain/environments";
import type { InstanceConfig } from "../domain/graph/types";
import { presetLookup } from "../domain/presets/usable";
import type { Role } from "../domain/roles";
import { organizationPresets, pinnedVersion } from "../presets/usable";
import { listArtifactTypes } from "../repositories/catalog";
import * as repo from "../repositories/diagram";
import { organizationSettings } from "../repositories/presets";
import { getProject } from "../repositories/projects";
import { applyContext } from "./catalog-context";
import { describeChange } from "./describe";

export async function getDiagram(projectId: string) {
  const stored = await repo.loadDiagram(projectId);
  if (!stored) throw new AppError("NOT_FOUND", "Project not found");
  return stored;
}

/** The catalog a canvas needs: every bundle version (slots, form, presets) and artifact type its organization may see. */
export async function diagramCatalog(organizationId: string) {
  const [bundles, types, presets, settings] = await Promise.all([
    repo.listBundleVersionDefinitions(organizationId),
    listArtifactTypes(organizationId),
    organizationPresets(organizationId),
    organizationSettings(organizationId),
  ]);
  return {
    requireProductionPresets: settings.requireProductionPresets,
    bundles: bundles.map(
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
    artifactTypes: types.map(({ name, label, color, orientation, policies }) => ({
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

/** A fresh id for a component or line (clients normally choose their own). */
export function newId(): string {
  return `c${randomBytes(12).toString("base64url")}`;
}

/**
 * The role a change is made with: a member's role, and owner for the system itself (the demo
 * seed). Anything else gets the least: the preset rules then treat it as no ops.
 */
export function actingRole(actor: Actor): Role {
  return actor.role ?? (actor.type === "system" ? "owner" : "viewer");
}

/**
 * The rules every diagram change of `project` by `role` passes (catalog, policies, presets,
 * guardrails). The catalog is the one its organization sees: another organization's imports are not in it.
 */
export async function diagramRules(
  project: {
    organizationId: string;
    environments: { id: string; slug: string; class: EnvironmentClass }[];
  },
  role: Role,
  tx?: Tx,
) {
  const [bundles, types, presets, settings] = await Promise.all([
    repo.listBundleVersionDefinitions(project.organizationId, tx),
    listArtifactTypes(project.organizationId, tx),
    organizationPresets(project.organizationId, tx),
    organizationSettings(project.organizationId, tx),
  ]);
  const lookup = presetLookup(
    presets,
    new Map(project.environments.map((e) => [e.id, e])),
    settings.requireProductionPresets,
    role,
  );
  return {
    ctx: applyContext(
      bundles,
      types,
      project.environments.map((e) => e.id),
      lookup,
    ),
    presets,
  };
}

/**
 * Checks and writes `ops` on one project inside `tx`, moving it from `baseRevision` to the
 * next (CONFLICT when it moved on). Shared by the canvas's saves and by changes made on a
 * project's behalf (a preset upgrade applied by ops, a promotion), so all pass the same rules
 * with the caller's `role`.
 */
export async function writeDiagramOps(
  tx: Tx,
  projectId: string,
  baseRevision: number,
  ops: Op[],
  role: Role,
) {
  const project = await getProject(projectId, tx);
  if (!project) throw new AppError("NOT_FOUND", "Project not found");
  const revision = await repo.advanceRevision(tx, projectId, baseRevision);
  if (revision === null) {
    throw new AppError(
      "CONFLICT",
      `revision: this diagram changed since revision ${baseRevision} (now ${project.revision}); reload to see the other change`,
      {
        revision: project.revision,
      },
    );
  }
  const before = (await repo.loadDiagram(projectId, tx))!.diagram;
  const { ctx: rules, presets } = await diagramRules(project, role, tx);
  const after = applyOps(before, ops, rules);
  // applyOps refused ids already on this diagram; this also catches a line reusing a component's
  // id. Ids are unique per project only, so another project's ids answer as fresh ones do.
  const newIds = ops.flatMap((o) =>
    o.op === "addComponent" ? [o.component.id] : o.op === "addLink" ? [o.link.id] : [],
  );
  const taken = await repo.takenIds(tx, projectId, newIds);
  if (taken.length > 0)
    throw new AppError("CONFLICT", `id: "${taken[0]}" is already used; choose another id`);
  const bundleOf = (componentId: string) =>
    after.components.find((c) => c.id === componentId)?.bundle ?? "";
  const presetId = (bundle: string, config: InstanceConfig) =>
    pinnedVersion(presets, bundle, config)?.id ?? null;
  await repo.writeOps(tx, projectId, ops, bundleOf, presetId);
  return { project, revision, before, after };
}

export async function applyDiagramOps(
  ctx: AuditContext,
  projectId: string,
  baseRevision: number,
  ops: Op[],
) {
  return auditedWrite(ctx, async (tx) => {
    const { project, revision, before, after } = await writeDiagramOps(
      tx,
      projectId,
      baseRevision,
      ops,
      actingRole(ctx.actor),
    );
    const change = describeChange(before, after, ops, project.environments);
    return {
      result: { revision },
      audit: {
        organizationId: project.organizationId,
        ...change,
        target: { ...change.target, projectId },
      },
    };
  });
}
