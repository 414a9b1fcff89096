// Shared zod pieces for procedure inputs and outputs.
import { z } from "zod";
import { ENVIRONMENT_CLASSES } from "../domain/environments";
import { SLUG_PATTERN, SLUG_RULE } from "../domain/names";
import { ROLES } from "../domain/roles";

export const id = z.string().min(1, { message: "is required" }).max(64);
export const slug = z.string().regex(SLUG_PATTERN, { message: SLUG_RULE });
export const role = z.enum(ROLES);
export const environmentClass = z.enum(ENVIRONMENT_CLASSES);

export const environmentDto = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  class: environmentClass,
  protected: z.boolean(),
  forkedFromId: z.string().nullable(),
  /** A preview environment (`patchbay preview up`), its pull request and when it expires. */
  preview: z.boolean(),
  pullRequest: z.string().nullable(),
  expiresAt: z.date().nullable(),
});

export const projectDto = z.object({
  id: z.string(),
  organizationId: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  revision: z.number().int(),
});
