import { offerPresetUpgrade } from "../../../presets/service";
import { organizationProcedure } from "../../procedures";
import { presetVersion, target, version } from "./shared";

export const offerUpgrade = organizationProcedure("ops", "preset.offer_upgrade")
  .input(target.extend({ version }))
  .output(presetVersion)
  .mutation(({ ctx, input }) =>
    offerPresetUpgrade(ctx.audit, input.organizationId, input.presetId, input.version),
  );
