// Promote: chosen differences of one environment applied to another as one change with a
// message. The plan is pure (server/domain/promote); the operations pass the target
// project's diagram rules — presets, locks, guardrails — exactly like a canvas edit, and the
// whole promotion is one audit event listing its changes. Authorization is the router's job.
import type { AuditContext } from "../audit/types";
import type { Known } from "../environment-state/record";
import { auditedWrite } from "../changes/audited-write";
import { actingRole, writeDiagramOps } from "../diagram/service";
import { AppError, isAppError } from "../domain/errors";
import { applyOps } from "../domain/graph/ops";
import { sensitivePaths } from "../domain/catalog/schema-path";
import type { Diagram } from "../domain/graph/types";
import { maskPromotedChanges } from "../domain/promote/mask";
import {
  planPromotion,
  type PromotedChange,
  promotionScope,
  type Selection,
} from "../domain/promote/plan";
import { keepStructure, readDiagramScoped } from "../repositories/diagram-parts";
import { getProject } from "../repositories/projects";
import { type Catalog, catalogBundle, loadCatalog } from "../rules/catalog";
import { rulesContext } from "../rules/context";
import { prisma, type Tx } from "../db";
import type { Role } from "../domain/roles";
import { checkReferenceSteps, planReferences, writeReferenceSteps } from "./references";

export interface PromoteInput {
  projectId: string;
  from: string;
  to: string;
  selections: Selection[];
  /** An owner's reason to let promoted references past the production guardrail. */
  overrideReason?: string | null;
}

async function readPromotion({ projectId, from, to, selections }: PromoteInput, tx: Tx = prisma()) {
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
  // What planning reads: every component and line, the selected entries' configuration in
  // the two environments, nothing else (a promotion costs what it promotes, not the project).
  const stored = await readDiagramScoped(
    tx,
    projectId,
    project.revision,
    (structure) => promotionScope(structure, selections),
    [from, to],
  );
  if (!stored) throw new AppError("NOT_FOUND", "Project not found");
  return { project, source, target, stored };
}

const scopeOf = (
  project: { id: string; organizationId: string },
  environment: { id: string; slug: string },
) => ({
  id: environment.id,
  slug: environment.slug,
  projectId: project.id,
  organizationId: project.organizationId,
});

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

const wholeState = ({ delta: _, ...known }: Known): Known => known;

/**
 * What promoting would change, and the rule it would break for `role` (null when it would pass).
 * Writes nothing.
 */
export async function previewPromotion(input: PromoteInput, role: Role) {
  const { project, source, target, stored } = await readPromotion(input);
  const catalog = await loadCatalog(project.organizationId);
  const plan = planPromotion(stored.diagram, input.from, input.to, input.selections);
  const references = await planReferences(stored.diagram, source, target, input.selections);
  let problem: string | null = null;
  try {
    applyOps(stored.diagram, plan.ops, rulesContext(catalog, project, role));
    await checkReferenceSteps(references.steps, {
      scope: scopeOf(project, target),
      role,
      overrideReason: input.overrideReason ?? null,
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const changes = [...masked(catalog, stored.diagram, plan.changes), ...references.changes];
  return { changes, problem };
}

export async function promote(ctx: AuditContext, input: PromoteInput & { message: string }) {
  let kept: { revision: number; after: Diagram } | undefined;
  const promoted = await auditedWrite(ctx, async (tx) => {
    const { project, source, target, stored } = await readPromotion(input, tx);
    const plan = planPromotion(stored.diagram, input.from, input.to, input.selections);
    const references = await planReferences(stored.diagram, source, target, input.selections, tx);
    if (plan.ops.length === 0 && references.steps.length === 0)
      throw new AppError("BAD_REQUEST", "selections: choose at least one difference to promote");
    const catalog = await loadCatalog(project.organizationId, tx);
    const role = actingRole(ctx.actor);
    // References first: a refused one throws before the diagram is written (all in one
    // transaction anyway, so nothing of a refused promotion lands).
    const { overrideReason } = await writeReferenceSteps(tx, references.steps, {
      scope: scopeOf(project, target),
      role,
      overrideReason: input.overrideReason ?? null,
    });
    const written =
      plan.ops.length > 0
        ? await writeDiagramOps(tx, input.projectId, stored.revision, plan.ops, role, catalog, {
            around: true,
          })
        : null;
    if (written) kept = written;
    const touched = [
      ...(written?.touched ?? []),
      ...(references.steps.length > 0
        ? [{ projectId: input.projectId, environmentId: target.id }]
        : []),
    ];
    const changes = [...masked(catalog, stored.diagram, plan.changes), ...references.changes];
    // A delta of the diagram's entries cannot hold a reference's change: then the whole state.
    const known =
      written && references.steps.length > 0 ? wholeState(written.known) : written?.known;
    return {
      result: { revision: written?.revision ?? stored.revision, changes: changes.length },
      known: known ? [known] : [],
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
          changes,
          ...(overrideReason ? { overrideReason } : {}),
        },
      },
    };
  });
  // Committed: the next save to this project finds its components and lines here.
  if (kept) keepStructure(input.projectId, kept.revision, kept.after);
  return promoted;
}
