// zod shapes of the secret and environment-default procedures. Outputs carry fingerprint
// prefixes and "set" markers, never a value: `.output()` strips anything else.
import { z } from "zod";
import { SLUG_PATTERN, SLUG_RULE } from "../domain/names";

export const secretName = z.string().min(1, { message: "is required" }).max(128);
/** Secrets are taken as given (no trimming: whitespace may matter), but never empty. */
export const secretValue = z
  .string()
  .max(65_536, { message: "must be at most 64 KiB" })
  .refine((v) => v.trim().length > 0, { message: "must not be empty" });

export const secretStatusDto = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  required: z.boolean(),
  /** False for a secret still set but no longer declared by the bundle version in use. */
  declared: z.boolean(),
  set: z.boolean(),
  /** First 12 hex characters of SHA-256 of the value. */
  fingerprint: z.string().nullable(),
  updatedAt: z.date().nullable(),
  setBy: z.object({ name: z.string(), email: z.string() }).nullable(),
});
export type SecretStatusDto = z.infer<typeof secretStatusDto>;

export const defaultName = z.string().regex(SLUG_PATTERN, { message: SLUG_RULE });

export const environmentDefaultDto = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  /** The payload with every sensitive field replaced by a `sensitiveMarker`. */
  payload: z.record(z.string(), z.unknown()),
  sensitive: z.array(z.object({ path: z.string(), fingerprint: z.string() })),
  createdAt: z.date(),
});
export type EnvironmentDefaultDto = z.infer<typeof environmentDefaultDto>;

export const defaultTypeDto = z.object({
  name: z.string(),
  label: z.string(),
  orientation: z.enum(["link", "environment"]),
  schema: z.record(z.string(), z.unknown()),
  sensitivePaths: z.array(z.string()),
});
