import { saveDraftInput } from "../../../presets/schemas";
import { savePresetDraft } from "../../../presets/service";
import { organizationProcedure } from "../../procedures";
import { presetVersion } from "./shared";

export const saveDraft = organizationProcedure("ops", "preset.save_draft")
  .input(saveDraftInput)
  .output(presetVersion)
  .mutation(({ ctx, input: { organizationId, presetId, ...input } }) =>
    savePresetDraft(ctx.audit, organizationId, presetId, input),
  );
