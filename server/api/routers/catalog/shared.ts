import { z } from "zod";
import { id } from "../../schemas";

export const organization = z.object({ organizationId: id });

/** A directory on the server holding a Massdriver export. */
export const importPath = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(1000, { message: "must be at most 1000 characters" });
