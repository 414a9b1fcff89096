// Authoring presets: create with a first draft, save the draft, publish it as an immutable
// version, offer a version to older consumers, and the organization's production-preset
// guardrail. Each write is one audited change; authorization is the router's job.
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import { AppError } from "../domain/errors";
import type { Role } from "../domain/roles";
import { atLeast } from "../domain/roles";
import * as repo from "../repositories/presets";
import * as settingsRepo from "../repositories/organization-settings";
import type { DraftInput, PresetDto } from "../repositories/presets";
import { authoredBundle, checkedVersion, newestBundle } from "./validate";

export interface PresetInfo {
  name: string;
  description: string;
}

/** A preset as `role` may see it: drafts are for ops and owners only. */
export function visibleTo(preset: PresetDto, role: Role): PresetDto {
  return atLeast(role, "ops")
    ? preset
    : { ...preset, versions: preset.versions.filter((v) => v.status === "published") };
}

export async function findVisiblePreset(
  organizationId: string,
  presetId: string,
): Promise<PresetDto> {
  const preset = await repo.findPreset(organizationId, presetId);
  if (!preset) throw new AppError("NOT_FOUND", "Preset not found");
  return preset;
}

async function editablePreset(
  organizationId: string,
  presetId: string,
  tx: Parameters<typeof repo.findPreset>[2],
): Promise<PresetDto> {
  const preset = await repo.findPreset(organizationId, presetId, tx);
  if (!preset) throw new AppError("NOT_FOUND", "Preset not found");
  if (preset.builtIn || preset.organizationId !== organizationId) {
    throw new AppError(
      "FORBIDDEN",
      `preset: "${preset.name}" is built in (shipped with ${preset.bundle}) and read-only; create your own preset instead`,
    );
  }
  return preset;
}

async function checkName(
  tx: Parameters<typeof repo.presetNameTaken>[0],
  organizationId: string,
  bundle: string,
  name: string,
  except?: string,
) {
  if (await repo.presetNameTaken(tx, organizationId, bundle, name, except)) {
    throw new AppError(
      "CONFLICT",
      `name: this organization already has a preset "${name}" for ${bundle}`,
      { fields: { name: ["is already taken for this bundle"] } },
    );
  }
}

const summary = (draft: DraftInput) => ({
  rules: draft.rules,
  allowed: draft.allowed,
  rationale: draft.rationale,
});

export async function createPreset(
  ctx: AuditContext,
  organizationId: string,
  input: PresetInfo & { bundle: string } & DraftInput,
) {
  const bundle = await authoredBundle(organizationId, input.bundle, input.description);
  const values = checkedVersion(bundle, input.values, input.rules);
  return auditedWrite(ctx, async (tx) => {
    await checkName(tx, organizationId, input.bundle, input.name);
    const id = await repo.createPreset(tx, {
      organizationId,
      bundle: input.bundle,
      name: input.name,
      description: input.description,
      createdById: ctx.actor.id!,
    });
    const draft = await repo.saveDraft(tx, id, { ...input, values });
    return {
      result: { id, version: draft.version },
      audit: {
        organizationId,
        action: "preset.created",
        target: { type: "preset", id },
        after: {
          bundle: input.bundle,
          name: input.name,
          description: input.description,
          draft: draft.version,
          values,
          ...summary(input),
        },
      },
    };
  });
}

export async function savePresetDraft(
  ctx: AuditContext,
  organizationId: string,
  presetId: string,
  input: PresetInfo & DraftInput,
) {
  return auditedWrite(ctx, async (tx) => {
    const preset = await editablePreset(organizationId, presetId, tx);
    const values = checkedVersion(
      await authoredBundle(organizationId, preset.bundle, input.description, tx),
      input.values,
      input.rules,
    );
    await checkName(tx, organizationId, preset.bundle, input.name, presetId);
    const before = preset.versions.find((v) => v.status === "draft");
    await repo.updatePresetInfo(tx, presetId, { name: input.name, description: input.description });
    const draft = await repo.saveDraft(tx, presetId, { ...input, values });
    return {
      result: { id: presetId, version: draft.version },
      audit: {
        organizationId,
        action: "preset.draft_saved",
        target: { type: "preset", id: presetId },
        before: before
          ? {
              name: preset.name,
              description: preset.description,
              values: before.values,
              rules: before.rules,
              allowed: before.allowed,
              rationale: before.rationale,
            }
          : { name: preset.name, description: preset.description },
        after: {
          name: input.name,
          description: input.description,
          draft: draft.version,
          values,
          ...summary(input),
        },
      },
    };
  });
}

export async function publishPreset(ctx: AuditContext, organizationId: string, presetId: string) {
  return auditedWrite(ctx, async (tx) => {
    const preset = await editablePreset(organizationId, presetId, tx);
    const draft = preset.versions.find((v) => v.status === "draft");
    if (!draft)
      throw new AppError(
        "BAD_REQUEST",
        `preset: "${preset.name}" has no draft to publish; save a draft first`,
      );
    // The bundle may have moved on since the draft was saved: check again.
    checkedVersion(
      await newestBundle(organizationId, preset.bundle, tx),
      draft.values,
      draft.rules,
    );
    await repo.publishDraft(tx, draft.id, ctx.actor.id!);
    return {
      result: { id: presetId, version: draft.version },
      audit: {
        organizationId,
        action: "preset.published",
        target: { type: "preset", id: presetId },
        after: {
          name: preset.name,
          bundle: preset.bundle,
          version: draft.version,
          values: draft.values,
          rules: draft.rules,
          allowed: draft.allowed,
          rationale: draft.rationale,
        },
      },
    };
  });
}

export async function offerPresetUpgrade(
  ctx: AuditContext,
  organizationId: string,
  presetId: string,
  version: number,
) {
  return auditedWrite(ctx, async (tx) => {
    const preset = await editablePreset(organizationId, presetId, tx);
    const target = preset.versions.find((v) => v.version === version && v.status === "published");
    if (!target)
      throw new AppError(
        "BAD_REQUEST",
        `version: "${preset.name}" has no published version ${version}`,
        { fields: { version: ["is not a published version"] } },
      );
    if (target.offeredAt)
      throw new AppError("CONFLICT", `version: v${version} of "${preset.name}" is already offered`);
    await repo.markOffered(tx, target.id, ctx.actor.id!);
    return {
      result: { id: presetId, version },
      audit: {
        organizationId,
        action: "preset.upgrade_offered",
        target: { type: "preset", id: presetId },
        after: { name: preset.name, bundle: preset.bundle, version },
      },
    };
  });
}

export async function setProductionPresetGuardrail(
  ctx: AuditContext,
  organizationId: string,
  required: boolean,
) {
  return auditedWrite(ctx, async (tx) => {
    const before = await settingsRepo.organizationSettings(organizationId, tx);
    await settingsRepo.setRequireProductionPresets(tx, organizationId, required);
    return {
      result: { requireProductionPresets: required },
      audit: {
        organizationId,
        action: "organization.guardrail_changed",
        target: { type: "organization", id: organizationId },
        before: { requireProductionPresets: before.requireProductionPresets },
        after: { requireProductionPresets: required },
      },
    };
  });
}
