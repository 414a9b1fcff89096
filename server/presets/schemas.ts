// Zod shapes of presets at the API boundary: guardrails, allowed environments, versions,
// consumers. The domain types (server/domain/presets/types.ts) are what these parse into.
import { z } from "zod";
import { allowedEnvironments, environmentClass, presetRules, record } from "../rules/schemas";

const draftFields = {
  name: z
    .string()
    .trim()
    .min(1, { message: "is required" })
    .max(80, { message: "must be at most 80 characters" }),
  description: z
    .string()
    .trim()
    .max(500, { message: "must be at most 500 characters" })
    .default(""),
  values: record,
  rules: presetRules.default({}),
  allowed: allowedEnvironments.default({}),
  rationale: z
    .string()
    .trim()
    .max(2000, { message: "must be at most 2000 characters" })
    .default(""),
};

export const createPresetInput = z.object({
  organizationId: z.string(),
  bundle: z.string().min(1).max(100),
  ...draftFields,
});
export const saveDraftInput = z.object({
  organizationId: z.string(),
  presetId: z.string(),
  ...draftFields,
});

const presetVersionDto = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(["draft", "published"]),
  values: record,
  rules: presetRules,
  allowed: allowedEnvironments,
  rationale: z.string(),
  publishedAt: z.date().nullable(),
  publishedBy: z.string().nullable(),
  offeredAt: z.date().nullable(),
  offeredBy: z.string().nullable(),
  createdAt: z.date(),
});

export const presetDto = z.object({
  id: z.string(),
  organizationId: z.string().nullable(),
  bundle: z.string(),
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  createdBy: z.string().nullable(),
  versions: z.array(presetVersionDto),
});

const upgradeChangeDto = z.object({
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string(),
});

export const consumerDto = z.object({
  instanceId: z.string(),
  version: z.number().int(),
  project: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  environment: z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    class: environmentClass,
  }),
  component: z.object({
    id: z.string(),
    name: z.string(),
    bundle: z.string(),
    version: z.string(),
  }),
  deviations: z.number().int(),
  upgrade: z
    .object({
      to: z.number().int(),
      changes: z.array(upgradeChangeDto),
      kept: z.array(z.string()),
      /** Locks, ranges and allowed environments the newest version changes. */
      guardrails: z.array(
        z.object({
          path: z.string(),
          kind: z.enum([
            "locked",
            "unlocked",
            "narrowed",
            "widened",
            "changed",
            "opened",
            "allowed",
          ]),
          before: z.string(),
          after: z.string(),
        }),
      ),
      allowed: z.boolean(),
    })
    .nullable(),
});
