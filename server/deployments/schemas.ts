// zod shapes of the deployment procedures. A listed deployment carries who, what and when,
// never its snapshot: that stays on the server for the runner (and holds fingerprints only).
import { z } from "zod";

export const requestableAction = z.enum(["plan", "apply", "destroy"]);

export const deploymentMessage = z
  .string()
  .trim()
  .max(500, { message: "must be at most 500 characters" });

const deploymentDto = z.object({
  id: z.string(),
  /** Position in the environment's history: "plan #3". */
  number: z.number().int(),
  action: z.enum(["plan", "apply", "destroy"]),
  status: z.enum(["queued", "running", "planned", "succeeded", "failed", "aborted"]),
  message: z.string(),
  bundleVersion: z.string().nullable(),
  environment: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  component: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdBy: z.object({ name: z.string(), email: z.string() }).nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

/**
 * A request's answer: the queued deployment and the instance's status afterwards (`pending` after
 * an apply).
 */
export const requestedDeploymentDto = deploymentDto.extend({
  instanceStatus: z.enum([
    "draft",
    "pending",
    "provisioning",
    "running",
    "failed",
    "decommissioned",
  ]),
});
export type RequestedDeploymentDto = z.infer<typeof requestedDeploymentDto>;
