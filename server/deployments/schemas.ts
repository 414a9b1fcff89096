// zod shapes of the deployment procedures. A listed deployment carries who, what and when,
// never its snapshot: that stays on the server for the runner (and holds fingerprints only).
import { z } from "zod";
import { instanceStatus, runListItem } from "./read-schemas";

export const requestableAction = z.enum(["plan", "apply", "destroy"]);

export const deploymentMessage = z
  .string()
  .trim()
  .max(500, { message: "must be at most 500 characters" });

/**
 * A request's answer: the queued deployment and the instance's status afterwards (`pending` after
 * an apply).
 */
export const requestedDeploymentDto = runListItem.extend({ instanceStatus });
export type RequestedDeploymentDto = z.infer<typeof requestedDeploymentDto>;
