// zod shapes of what the catalog procedures return. Definitions come from YAML, so JSON
// Schemas, UI schemas, grants and preset values stay open records.
import { z } from "zod";

const record = z.record(z.string(), z.unknown());

const inputSlotDto = z.object({
  key: z.string(),
  type: z.string(),
  title: z.string(),
  required: z.boolean(),
});
const outputSlotDto = z.object({ key: z.string(), type: z.string(), title: z.string() });

export const bundleSummaryDto = z.object({
  name: z.string(),
  version: z.string(),
  description: z.string(),
  category: z.string(),
  icon: z.string(),
  source: z.string(),
  /** imported by the reader's organization; false for the shared, shipped catalog */
  imported: z.boolean(),
  inputs: z.array(inputSlotDto),
  outputs: z.array(outputSlotDto),
});

const policyDto = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  grants: record,
});

export const artifactTypeDto = z.object({
  name: z.string(),
  label: z.string(),
  icon: z.string(),
  color: z.string(),
  orientation: z.enum(["link", "environment"]),
  schema: record,
  policies: z.array(policyDto),
});

const presetDto = z.object({
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  values: record,
});

export const bundleDetailDto = bundleSummaryDto.extend({
  digest: z.string(),
  publishedAt: z.date(),
  versions: z.array(z.object({ version: z.string(), publishedAt: z.date() })),
  params: record,
  ui: record,
  presets: z.array(presetDto),
  /** Output slots with their type's label, colour and the policies a consumer can pick. */
  outputTypes: z.array(
    artifactTypeDto.pick({ name: true, label: true, color: true, policies: true }),
  ),
  steps: z.array(z.object({ path: z.string(), provisioner: z.string() })),
  readme: z.string().nullable(),
  /** The operator guide imported with this version (Massdriver's operator.md), Markdown. */
  runbook: z.string().nullable(),
});

export const categoryDto = z.object({ name: z.string(), count: z.number().int() });

const issue = z.object({ file: z.string(), path: z.string(), message: z.string() });

export const importPreviewDto = z.object({
  bundles: z.array(
    z.object({
      name: z.string(),
      version: z.string(),
      description: z.string(),
      inputs: z.array(inputSlotDto),
      outputs: z.array(outputSlotDto),
    }),
  ),
  artifactTypes: z.array(
    z.object({ name: z.string(), label: z.string(), policies: z.array(z.string()) }),
  ),
  /** Massdriver type fragments (`types/<name>.json`) read, kept for later type URLs. */
  massdriverTypes: z.array(z.string()),
  warnings: z.array(issue),
  errors: z.array(issue.extend({ rule: z.string() })),
});

export const importResultDto = z.object({
  added: z.object({
    bundleVersions: z.array(z.string()),
    artifactTypes: z.array(z.string()),
    presets: z.array(z.string()),
    massdriverTypes: z.array(z.string()),
  }),
  warnings: z.array(issue),
  errors: z.array(issue.extend({ rule: z.string() })),
});
