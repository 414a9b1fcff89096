import { z } from "zod";
import { applyPresetUpgrade, presetConsumers } from "../../presets/consumers";
import { consumerDto, createPresetInput, presetDto, saveDraftInput } from "../../presets/schemas";
import * as presets from "../../presets/service";
import { listPresets, organizationSettings } from "../../repositories/presets";
import { requireOrganization } from "../guard";
import { id } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const target = z.object({ organizationId: id, presetId: id });
const version = z.number().int().positive();

// Presets: read by everyone in the organization, authored by ops and owners. Built-in
// presets (shipped with bundles) are listed too, read-only.
export const presetRouter = router({
  list: protectedProcedure
    .input(z.object({ organizationId: id, bundle: z.string().max(100).optional() }))
    .output(z.object({ presets: z.array(presetDto), requireProductionPresets: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const access = await requireOrganization(ctx, input.organizationId, "viewer", "preset.list");
      const [all, settings] = await Promise.all([
        listPresets(input.organizationId, input.bundle),
        organizationSettings(input.organizationId),
      ]);
      return {
        presets: all.map((p) => presets.visibleTo(p, access.role)),
        requireProductionPresets: settings.requireProductionPresets,
      };
    }),

  get: protectedProcedure
    .input(target)
    .output(z.object({ preset: presetDto, consumers: z.array(consumerDto) }))
    .query(async ({ ctx, input }) => {
      const access = await requireOrganization(ctx, input.organizationId, "viewer", "preset.read");
      const preset = await presets.findVisiblePreset(input.organizationId, input.presetId);
      return {
        preset: presets.visibleTo(preset, access.role),
        consumers: await presetConsumers(input.organizationId, preset),
      };
    }),

  create: protectedProcedure
    .input(createPresetInput)
    .output(z.object({ id: z.string(), version }))
    .mutation(async ({ ctx, input: { organizationId, ...input } }) => {
      const access = await requireOrganization(ctx, organizationId, "ops", "preset.create");
      return presets.createPreset({ actor: access.actor, meta: ctx.meta }, organizationId, input);
    }),

  saveDraft: protectedProcedure
    .input(saveDraftInput)
    .output(z.object({ id: z.string(), version }))
    .mutation(async ({ ctx, input: { organizationId, presetId, ...input } }) => {
      const access = await requireOrganization(ctx, organizationId, "ops", "preset.save_draft");
      return presets.savePresetDraft(
        { actor: access.actor, meta: ctx.meta },
        organizationId,
        presetId,
        input,
      );
    }),

  publish: protectedProcedure
    .input(target)
    .output(z.object({ id: z.string(), version }))
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrganization(ctx, input.organizationId, "ops", "preset.publish");
      return presets.publishPreset(
        { actor: access.actor, meta: ctx.meta },
        input.organizationId,
        input.presetId,
      );
    }),

  offerUpgrade: protectedProcedure
    .input(target.extend({ version }))
    .output(z.object({ id: z.string(), version }))
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrganization(
        ctx,
        input.organizationId,
        "ops",
        "preset.offer_upgrade",
      );
      return presets.offerPresetUpgrade(
        { actor: access.actor, meta: ctx.meta },
        input.organizationId,
        input.presetId,
        input.version,
      );
    }),

  /** Ops move consumers to a version themselves (developers accept an offered one on the canvas). */
  applyUpgrade: protectedProcedure
    .input(target.extend({ version, instanceIds: z.array(id).min(1).max(500).optional() }))
    .output(z.object({ upgraded: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrganization(
        ctx,
        input.organizationId,
        "ops",
        "preset.apply_upgrade",
      );
      const preset = await presets.findVisiblePreset(input.organizationId, input.presetId);
      return applyPresetUpgrade(
        { actor: access.actor, meta: ctx.meta },
        input.organizationId,
        preset,
        input.version,
        input.instanceIds,
      );
    }),

  setGuardrail: protectedProcedure
    .input(z.object({ organizationId: id, requireProductionPresets: z.boolean() }))
    .output(z.object({ requireProductionPresets: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrganization(
        ctx,
        input.organizationId,
        "owner",
        "organization.guardrail",
      );
      return presets.setProductionPresetGuardrail(
        { actor: access.actor, meta: ctx.meta },
        input.organizationId,
        input.requireProductionPresets,
      );
    }),
});
