import { publishPreset } from "../../../presets/service";
import { organizationProcedure } from "../../procedures";
import { presetVersion, target } from "./shared";

export const publish = organizationProcedure("ops", "preset.publish")
  .input(target)
  .output(presetVersion)
  .mutation(({ ctx, input }) => publishPreset(ctx.audit, input.organizationId, input.presetId));
