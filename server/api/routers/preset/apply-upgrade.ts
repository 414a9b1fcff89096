import { z } from "zod";
import { applyPresetUpgrade } from "../../../presets/consumers";
import { findVisiblePreset } from "../../../presets/service";
import { organizationProcedure } from "../../procedures";
import { id } from "../../schemas";
import { target, version } from "./shared";

const input = target.extend({ version, instanceIds: z.array(id).min(1).max(500).optional() });

/** Ops move consumers to a version themselves (developers accept an offered one on the canvas). */
export const applyUpgrade = organizationProcedure("ops", "preset.apply_upgrade")
  .input(input)
  .output(z.object({ upgraded: z.number().int() }))
  .mutation(async ({ ctx, input }) => {
    const preset = await findVisiblePreset(input.organizationId, input.presetId);
    return applyPresetUpgrade(
      ctx.audit,
      input.organizationId,
      preset,
      input.version,
      input.instanceIds,
    );
  });
