import { z } from "zod";
import { presetDto } from "../../../presets/schemas";
import { visibleTo } from "../../../presets/service";
import { listPresets } from "../../../repositories/presets";
import { organizationSettings } from "../../../repositories/organization-settings";
import { organizationProcedure } from "../../procedures";
import { id } from "../../schemas";

const input = z.object({ organizationId: id, bundle: z.string().max(100).optional() });
const output = z.object({ presets: z.array(presetDto), requireProductionPresets: z.boolean() });

/** The organization's presets and the shipped ones, each as the caller's role may see it. */
export const list = organizationProcedure("viewer", "preset.list")
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const [all, settings] = await Promise.all([
      listPresets(input.organizationId, input.bundle),
      organizationSettings(input.organizationId),
    ]);
    return {
      presets: all.map((p) => visibleTo(p, ctx.access.role)),
      requireProductionPresets: settings.requireProductionPresets,
    };
  });
