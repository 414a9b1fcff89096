// zod shapes of what the run reads answer. A run's snapshot, inputs and outputs are stored
// masked (sensitive values as `{ fingerprint }`, secrets by name only); these shapes keep only
// the fields the run page shows, so nothing else stored in them ever reaches a browser.
import { z } from "zod";

export const runAction = z.enum(["plan", "apply", "destroy", "drift"]);
export const runStatus = z.enum(["queued", "running", "planned", "succeeded", "failed", "aborted"]);
export const instanceStatus = z.enum([
  "draft",
  "pending",
  "provisioning",
  "running",
  "failed",
  "decommissioned",
]);

export const runListItem = z.object({
  id: z.string(),
  number: z.number().int(),
  action: runAction,
  status: runStatus,
  message: z.string(),
  bundleVersion: z.string().nullable(),
  environment: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  component: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdBy: z.object({ name: z.string(), email: z.string() }).nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  reason: z.string().nullable(),
  batchId: z.string().nullable(),
});
export type RunListItem = z.infer<typeof runListItem>;

const payload = z.record(z.string(), z.unknown());

/** The frozen request: what the run was asked to do (sensitive values as fingerprints). */
const frozenInputs = z.object({
  bundle: z.object({ name: z.string(), version: z.string() }).optional(),
  params: payload.default({}),
  connections: z
    .array(
      z.object({
        slot: z.string(),
        type: z.string(),
        preview: z.boolean().default(false),
        payload: payload.nullable().default(null),
      }),
    )
    .default([]),
  env: z
    .array(
      z.object({
        name: z.string(),
        value: z.string().nullable(),
        fingerprint: z.string().nullable().default(null),
        sensitive: z.boolean(),
      }),
    )
    .default([]),
  secrets: z
    .array(z.object({ name: z.string(), required: z.boolean(), set: z.boolean() }))
    .default([]),
});

const resourceChange = z.object({
  action: z.enum(["create", "update", "replace", "delete"]),
  resource: z.string(),
  attributes: z.array(z.string()).default([]),
  /** Before → after per attribute (Terraform plans), sensitive values already masked. */
  diffs: z
    .array(
      z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }),
    )
    .optional(),
});

export const runDto = runListItem.extend({
  /** What the run executed once started, else what was requested. */
  inputs: frozenInputs.nullable(),
  /** A plan's resource changes; null until it is planned. */
  changes: z.array(resourceChange).nullable(),
  /** An apply's outputs by artifact key, sensitive fields as `{ fingerprint }`. */
  outputs: z.record(z.string(), payload).nullable(),
  planId: z.string().nullable(),
  rollbackOfId: z.string().nullable(),
  abortRequested: z.boolean(),
});
export type RunDto = z.infer<typeof runDto>;

/** Parses stored JSON into a shape the page can show; a shape it cannot read shows as nothing. */
export function readStored<T>(schema: z.ZodType<T>, value: unknown): T | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const storedShapes = {
  inputs: frozenInputs,
  changes: z.array(resourceChange),
  outputs: z.record(z.string(), payload),
};

export const logLine = z.object({
  seq: z.number().int(),
  at: z.date(),
  stream: z.enum(["stdout", "stderr", "system"]),
  text: z.string(),
});
export type LogLineDto = z.infer<typeof logLine>;

export const runStatusDto = z.object({
  componentId: z.string(),
  deploymentId: z.string(),
  action: runAction,
  status: runStatus,
  instanceStatus,
  drift: z.enum(["clean", "drifted", "failed"]).nullable(),
});
export type RunStatusDto = z.infer<typeof runStatusDto>;
