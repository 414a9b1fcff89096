// zod shapes of the drift procedures: what a check queued, an environment's findings.
import { z } from "zod";
import { requestedDeploymentDto } from "./schemas";

export const driftItem = z.object({
  resource: z.string(),
  attribute: z.string(),
  expected: z.string(),
  actual: z.string(),
});

export const driftCheckDto = z.object({
  runs: z.array(requestedDeploymentDto),
  skipped: z.array(
    z.object({ componentId: z.string(), component: z.string(), reason: z.string() }),
  ),
});

const driftFindingDto = z.object({
  componentId: z.string(),
  status: z.enum(["clean", "drifted", "failed"]),
  items: z.array(driftItem),
  checkedAt: z.date(),
  since: z.date(),
  deploymentId: z.string().nullable(),
});

export const environmentDriftDto = z.object({
  schedule: z.string().nullable(),
  lastTickAt: z.date().nullable(),
  findings: z.array(driftFindingDto),
});
export type EnvironmentDriftDto = z.infer<typeof environmentDriftDto>;

/** A 5-field cron in UTC, or null to stop the schedule; the rule is checked by the service. */
export const cronInput = z
  .string()
  .trim()
  .max(100, { message: "must be at most 100 characters" })
  .nullable();
