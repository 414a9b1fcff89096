// Reading and changing a project's diagram. Every change is a batch of diagram operations
// based on a revision: refused whole when the project moved on (CONFLICT) or when any
// operation breaks a rule (BAD_REQUEST naming the op and field), else written with one
// audit event. Authorization is the router's job.
import { randomBytes } from "node:crypto";
import type { AuditContext } from "../audit/write";
import { auditedWrite } from "../audit/write";
import { AppError } from "../domain/errors";
import { applyOps, type Op } from "../domain/graph/ops";
import type { Diagram } from "../domain/graph/types";
import type { Tx } from "../db";
import { listArtifactTypes } from "../repositories/catalog";
import * as repo from "../repositories/diagram";
import { getProject } from "../repositories/projects";
import { applyContext } from "./catalog-context";
import { describeChange } from "./describe";

export async function getDiagram(projectId: string) {
  const stored = await repo.loadDiagram(projectId);
  if (!stored) throw new AppError("NOT_FOUND", "Project not found");
  return stored;
}

/** The catalog a canvas needs: every bundle version (slots, form, presets) and every artifact type. */
export async function diagramCatalog(organizationId: string) {
  const [bundles, types, presets] = await Promise.all([repo.listBundleVersionDefinitions(), listArtifactTypes(), repo.listPresetValues(organizationId)]);
  return {
    bundles: bundles.map(({ name, version, description, icon, category, params, ui, connections, artifacts }) => ({
      name,
      version,
      description,
      icon,
      category,
      params,
      ui,
      inputs: connections.map(({ key, type, title, required }) => ({ key, type, title, required })),
      outputs: artifacts.map(({ key, type, title }) => ({ key, type, title })),
      presets: presets.filter((p) => p.bundle === name).map(({ name: presetName, description: d, values }) => ({ name: presetName, description: d, values })),
    })),
    artifactTypes: types.map(({ name, label, color, orientation, policies }) => ({
      name,
      label,
      color,
      orientation,
      policies: policies.map(({ id, title, description }) => ({ id, title, description })),
    })),
  };
}

/** A fresh id for a component or line (clients normally choose their own). */
export function newId(): string {
  return `c${randomBytes(12).toString("base64url")}`;
}

async function resolvePresets(tx: Tx, organizationId: string, ops: readonly Op[], diagram: Diagram) {
  const cache = new Map<string, Map<string, string>>();
  const bundleOf = (componentId: string) => diagram.components.find((c) => c.id === componentId)?.bundle ?? "";
  return {
    bundleOf,
    presetId: async (bundle: string, name: string | null) => {
      if (name === null) return null;
      let byName = cache.get(bundle);
      if (!byName) cache.set(bundle, (byName = await repo.presetVersionIds(tx, organizationId, bundle)));
      const id = byName.get(name);
      if (!id) {
        const at = ops.findIndex((o) => (o.op === "setInstance" && o.config.preset === name) || o.op === "addComponent");
        throw new AppError("BAD_REQUEST", `ops.${at}.preset: "${name}" is not a published preset of ${bundle}`, { fields: { [`ops.${at}.preset`]: ["is not a published preset of this bundle"] } });
      }
      return id;
    },
  };
}

export async function applyDiagramOps(ctx: AuditContext, projectId: string, baseRevision: number, ops: Op[]) {
  return auditedWrite(ctx, async (tx) => {
    const project = await getProject(projectId, tx);
    if (!project) throw new AppError("NOT_FOUND", "Project not found");
    const revision = await repo.advanceRevision(tx, projectId, baseRevision);
    if (revision === null) {
      throw new AppError("CONFLICT", `revision: this diagram changed since revision ${baseRevision} (now ${project.revision}); reload to see the other change`, {
        revision: project.revision,
      });
    }
    const before = (await repo.loadDiagram(projectId, tx))!.diagram;
    const [bundles, types] = await Promise.all([repo.listBundleVersionDefinitions(tx), listArtifactTypes(tx)]);
    const after = applyOps(before, ops, applyContext(bundles, types, project.environments.map((e) => e.id)));
    const newIds = ops.flatMap((o) => (o.op === "addComponent" ? [o.component.id] : o.op === "addLink" ? [o.link.id] : []));
    const reused = newIds.filter((id) => !before.components.some((c) => c.id === id) && !before.links.some((l) => l.id === id));
    const taken = await repo.takenIds(tx, reused);
    if (taken.length > 0) throw new AppError("CONFLICT", `id: "${taken[0]}" is already used; choose another id`);
    const presets = await resolvePresets(tx, project.organizationId, ops, after);
    await repo.writeOps(tx, projectId, ops, presets.bundleOf, presets.presetId);
    const change = describeChange(before, after, ops, project.environments);
    return {
      result: { revision },
      audit: { organizationId: project.organizationId, ...change, target: { ...change.target, projectId } },
    };
  });
}
