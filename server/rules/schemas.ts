// Zod shapes of the presets every reader of the catalog sees (the canvas's catalog, the preset
// pages): guardrails, allowed environments and published versions. The domain types
// (server/domain/presets/types.ts) are what these parse into.
import { z } from "zod";
import { ENVIRONMENT_CLASSES } from "../domain/environments";

export const environmentClass = z.enum(ENVIRONMENT_CLASSES);

export const record = z.record(z.string(), z.unknown());
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const fieldRule = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("locked") }).strict(),
  z
    .object({
      mode: z.literal("narrowed"),
      enum: z.array(scalar).max(200).optional(),
      minimum: z.number().finite().optional(),
      maximum: z.number().finite().optional(),
      pattern: z.string().max(500).optional(),
    })
    .strict(),
]);

export const presetRules = z.record(
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, { message: "must be a dotted field path" }),
  fieldRule,
);

export const allowedEnvironments = z
  .object({
    classes: z.array(environmentClass).max(2).optional(),
    environments: z
      .array(
        z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: "must be an environment slug" }),
      )
      .max(50)
      .optional(),
  })
  .strict();

/** A published version as the canvas uses it. */
const usableVersionDto = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  values: record,
  rules: presetRules,
  allowed: allowedEnvironments,
  rationale: z.string(),
  offered: z.boolean(),
});

export const usablePresetDto = z.object({
  id: z.string(),
  bundle: z.string(),
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  versions: z.array(usableVersionDto),
});
