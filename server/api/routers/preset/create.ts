import { createPresetInput } from "../../../presets/schemas";
import { createPreset } from "../../../presets/service";
import { organizationProcedure } from "../../procedures";
import { presetVersion } from "./shared";

export const create = organizationProcedure("ops", "preset.create")
  .input(createPresetInput)
  .output(presetVersion)
  .mutation(({ ctx, input: { organizationId, ...input } }) =>
    createPreset(ctx.audit, organizationId, input),
  );
