import { z } from "zod";
import { id } from "../../schemas";

/** One component's instance in one environment, and the step whose state it is. */
export const stateInput = z.object({
  projectId: id,
  componentId: id,
  environmentId: id,
  step: z
    .string()
    .regex(/^[A-Za-z0-9._/-]{1,100}$/, { message: "must be a bundle step's path (src …)" }),
});

export const versionNumber = z.number().int().min(1, { message: "must be 1 or more" });

export const versionDto = z.object({
  version: z.number().int(),
  serial: z.number().int(),
  lineage: z.string(),
  md5: z.string(),
  size: z.number().int(),
  who: z.string(),
  deploymentId: z.string().nullable(),
  forced: z.boolean(),
  createdAt: z.date(),
});
