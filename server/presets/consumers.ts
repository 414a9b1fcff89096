// The instances using a preset, per version, with what moving each to another version
// would change; and applying that move for chosen consumers as one audited change. The
// move goes through the diagram rules of each project (a consumer the new version no
// longer allows is refused, and then nothing is written).
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import { actingRole, writeDiagramOps } from "../diagram/service";
import { AppError } from "../domain/errors";
import type { Op } from "../domain/graph/ops";
import { allowedIn } from "../domain/presets/allowed";
import type { PresetVersionRules } from "../domain/presets/types";
import type { GuardrailChange } from "../domain/presets/guardrail-changes";
import { deviations, upgradePlan, type UpgradeChange } from "../domain/presets/upgrade";
import { keepStructure } from "../repositories/diagram-parts";
import { getProject } from "../repositories/projects";
import { loadCatalog } from "../rules/catalog";
import * as consumersRepo from "../repositories/preset-consumers";
import type { PresetDto, PresetVersionDto } from "../repositories/presets";
import type { ConsumerDto } from "../repositories/preset-consumers";

const rulesOf = (preset: PresetDto, v: PresetVersionDto): PresetVersionRules => ({
  name: preset.name,
  version: v.version,
  values: v.values,
  rules: v.rules,
  allowed: v.allowed,
});

export interface ConsumerView extends Omit<ConsumerDto, "params" | "versionId" | "organizationId"> {
  deviations: number;
  /** What moving to the newest published version would change; null when already on it. */
  upgrade: {
    to: number;
    changes: UpgradeChange[];
    kept: string[];
    guardrails: GuardrailChange[];
    allowed: boolean;
  } | null;
}

export async function presetConsumers(
  organizationId: string,
  preset: PresetDto,
): Promise<ConsumerView[]> {
  const published = preset.versions.filter((v) => v.status === "published");
  const newest = published[0];
  const consumers = await consumersRepo.listConsumers(organizationId, preset.id);
  return consumers.map(({ params, versionId: _v, organizationId: _o, ...c }) => {
    const pinned = published.find((v) => v.version === c.version);
    const own = pinned ? rulesOf(preset, pinned) : null;
    const plan =
      own && newest && newest.version > c.version
        ? upgradePlan(params, own, rulesOf(preset, newest))
        : null;
    return {
      ...c,
      deviations: own ? deviations(params, own).length : 0,
      upgrade:
        plan && newest
          ? {
              to: newest.version,
              changes: plan.changes,
              kept: plan.kept.map((k) => k.path),
              guardrails: plan.guardrails,
              allowed: allowedIn(newest.allowed, c.environment),
            }
          : null,
    };
  });
}

/**
 * Moves the chosen consumers (all older ones when none are named) to `version` in one transaction
 * and one audit event.
 */
export async function applyPresetUpgrade(
  ctx: AuditContext,
  organizationId: string,
  preset: PresetDto,
  version: number,
  instanceIds: string[] | undefined,
) {
  const target = preset.versions.find((v) => v.version === version && v.status === "published");
  if (!target)
    throw new AppError(
      "BAD_REQUEST",
      `version: "${preset.name}" has no published version ${version}`,
      { fields: { version: ["is not a published version"] } },
    );
  const written: Awaited<ReturnType<typeof writeDiagramOps>>[] = [];
  const upgraded = await auditedWrite(ctx, async (tx) => {
    const all = await consumersRepo.listConsumers(organizationId, preset.id, tx);
    const unknown = instanceIds?.find((id) => !all.some((c) => c.instanceId === id));
    if (unknown)
      throw new AppError("BAD_REQUEST", `instanceIds: "${unknown}" does not use "${preset.name}"`, {
        fields: { instanceIds: ["names an instance that does not use this preset"] },
      });
    const chosen = all.filter(
      (c) => (instanceIds ? instanceIds.includes(c.instanceId) : true) && c.version < version,
    );
    if (chosen.length === 0)
      throw new AppError(
        "BAD_REQUEST",
        `instanceIds: no chosen instance is on a version older than v${version}`,
      );
    const moved: {
      project: string;
      environment: string;
      component: string;
      from: number;
      changes: UpgradeChange[];
    }[] = [];
    const catalog = await loadCatalog(organizationId, tx);
    for (const projectId of [...new Set(chosen.map((c) => c.project.id))]) {
      // The consumers' rows hold all an upgrade reads: the rest of the project is not read.
      const project = await getProject(projectId, tx);
      if (!project) continue;
      const ops: Op[] = [];
      for (const c of chosen.filter((x) => x.project.id === projectId)) {
        const from = preset.versions.find((v) => v.version === c.version)!;
        const plan = upgradePlan(c.params, rulesOf(preset, from), rulesOf(preset, target));
        ops.push({
          op: "setInstance",
          component: c.component.id,
          environment: c.environment.id,
          config: { params: plan.params, preset: preset.name, presetVersion: version },
        });
        moved.push({
          project: c.project.slug,
          environment: c.environment.slug,
          component: c.component.name,
          from: c.version,
          changes: plan.changes,
        });
      }
      written.push(
        await writeDiagramOps(
          tx,
          projectId,
          project.revision,
          ops,
          actingRole(ctx.actor),
          catalog,
          {
            around: true,
          },
        ),
      );
    }
    return {
      result: { upgraded: moved.length },
      touched: written.flatMap((w) => w.touched),
      known: written.map((w) => w.known),
      audit: {
        organizationId,
        action: "preset.upgrade_applied",
        target: { type: "preset", id: preset.id },
        before: {
          instances: moved.map(({ project, environment, component, from }) => ({
            project,
            environment,
            component,
            version: from,
          })),
        },
        after: { name: preset.name, bundle: preset.bundle, version, instances: moved },
      },
    };
  });
  // Committed: the next save to these projects finds their components and lines here.
  for (const w of written) keepStructure(w.project.id, w.revision, w.after);
  return upgraded;
}
