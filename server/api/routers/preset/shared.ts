import { z } from "zod";
import { id } from "../../schemas";

/** One preset of the organization. */
export const target = z.object({ organizationId: id, presetId: id });
export const version = z.number().int().positive();
/** What every authoring step answers: the preset and the version it now has. */
export const presetVersion = z.object({ id: z.string(), version });
