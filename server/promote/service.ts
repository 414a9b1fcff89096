// Promote: chosen differences of one environment applied to another as one change with a
// message. The plan is pure (server/domain/promote); the operations pass the target
// project's diagram rules — presets, locks, guardrails — exactly like a canvas edit, and the
// whole promotion is one audit event listing its changes. Authorization is the router's job.
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import { actingRole, writeDiagramOps } from "../diagram/service";
import { AppError, isAppError } from "../domain/errors";
import { applyOps } from "../domain/graph/ops";
import { sensitivePaths } from "../domain/catalog/schema-path";
import type { Diagram } from "../domain/graph/types";
import { maskPromotedChanges } from "../domain/promote/mask";
import { planPromotion, type PromotedChange, type Selection } from "../domain/promote/plan";
import { loadDiagram } from "../repositories/diagram";
import { getProject } from "../repositories/projects";
import { type Catalog, catalogBundle, loadCatalog } from "../rules/catalog";
import { rulesContext } from "../rules/context";
import type { Tx } from "../db";
import type { Role } from "../domain/roles";

export interface PromoteInput {
  projectId: string;
  from: string;
  to: string;
  selections: Selection[];
}

async function environments(projectId: string, from: string, to: string, tx?: Tx) {
  const project = await getProject(projectId, tx);
  if (!project) throw new AppError("NOT_FOUND", "Project not found");
  const source = project.environments.find((e) => e.id === from);
  const target = project.environments.find((e) => e.id === to);
  if (!source)
    throw new AppError("BAD_REQUEST", "from: is not an environment of this project", {
      fields: { from: ["is not an environment of this project"] },
    });
  if (!target)
    throw new AppError("BAD_REQUEST", "to: is not an environment of this project", {
      fields: { to: ["is not an environment of this project"] },
    });
  if (source.id === target.id)
    throw new AppError("BAD_REQUEST", "to: must differ from the environment promoted from", {
      fields: { to: ["must differ from from"] },
    });
  return { project, source, target };
}

/**
 * The changes with values of sensitive params masked: what a preview shows and the audit event
 * keeps.
 */
function masked(catalog: Catalog, diagram: Diagram, changes: PromotedChange[]): PromotedChange[] {
  const sensitive = (componentId: string) => {
    const c = diagram.components.find((x) => x.id === componentId);
    const bundle = c && catalogBundle(catalog, c.bundle, c.version);
    return bundle ? sensitivePaths(bundle.params) : [];
  };
  return maskPromotedChanges(changes, sensitive);
}

/**
 * What promoting would change, and the rule it would break for `role` (null when it would pass).
 * Writes nothing.
 */
export async function previewPromotion(input: PromoteInput, role: Role) {
  const { project } = await environments(input.projectId, input.from, input.to);
  const [stored, catalog] = await Promise.all([
    loadDiagram(input.projectId),
    loadCatalog(project.organizationId),
  ]);
  const plan = planPromotion(stored!.diagram, input.from, input.to, input.selections);
  let problem: string | null = null;
  try {
    applyOps(stored!.diagram, plan.ops, rulesContext(catalog, project, role));
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  return { changes: masked(catalog, stored!.diagram, plan.changes), problem };
}

export async function promote(ctx: AuditContext, input: PromoteInput & { message: string }) {
  return auditedWrite(ctx, async (tx) => {
    const { project, source, target } = await environments(
      input.projectId,
      input.from,
      input.to,
      tx,
    );
    const stored = (await loadDiagram(input.projectId, tx))!;
    const plan = planPromotion(stored.diagram, input.from, input.to, input.selections);
    if (plan.ops.length === 0)
      throw new AppError("BAD_REQUEST", "selections: choose at least one difference to promote");
    const catalog = await loadCatalog(project.organizationId, tx);
    const { revision, known, touched } = await writeDiagramOps(
      tx,
      input.projectId,
      stored.revision,
      plan.ops,
      actingRole(ctx.actor),
      catalog,
    );
    return {
      result: { revision, changes: plan.changes.length },
      known: [known],
      touched,
      audit: {
        organizationId: project.organizationId,
        action: "environment.promoted",
        target: {
          type: "environment",
          id: target.id,
          projectId: input.projectId,
          environmentId: target.id,
        },
        after: {
          message: input.message,
          from: source.slug,
          to: target.slug,
          changes: masked(catalog, stored.diagram, plan.changes),
        },
      },
    };
  });
}
