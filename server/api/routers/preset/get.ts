import { z } from "zod";
import { presetConsumers } from "../../../presets/consumers";
import { consumerDto, presetDto } from "../../../presets/schemas";
import { findVisiblePreset, visibleTo } from "../../../presets/service";
import { organizationProcedure } from "../../procedures";
import { target } from "./shared";

const output = z.object({ preset: presetDto, consumers: z.array(consumerDto) });

/** One preset with the instances that use it. */
export const get = organizationProcedure("viewer", "preset.read")
  .input(target)
  .output(output)
  .query(async ({ ctx, input }) => {
    const preset = await findVisiblePreset(input.organizationId, input.presetId);
    return {
      preset: visibleTo(preset, ctx.access.role),
      consumers: await presetConsumers(input.organizationId, preset),
    };
  });
