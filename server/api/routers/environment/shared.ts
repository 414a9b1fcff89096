import { z } from "zod";
import { id } from "../../schemas";

export const name = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(80, { message: "must be at most 80 characters" });
/** One environment of the project. */
export const one = z.object({ projectId: id, environmentId: id });
