import { z } from "zod";
import { environmentDto, projectDto, role } from "../../schemas";

export const name = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(80, { message: "must be at most 80 characters" });
export const description = z.string().max(2000, { message: "must be at most 2000 characters" });

/** A project with its environments and the caller's role in it. */
export const projectWithRole = projectDto.extend({ environments: z.array(environmentDto), role });
