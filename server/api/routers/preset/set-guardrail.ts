import { z } from "zod";
import { setProductionPresetGuardrail } from "../../../presets/service";
import { organizationProcedure } from "../../procedures";
import { id } from "../../schemas";

const setting = z.object({ requireProductionPresets: z.boolean() });

/** Whether production instances must be pinned to a preset (owners). */
export const setGuardrail = organizationProcedure("owner", "organization.guardrail")
  .input(setting.extend({ organizationId: id }))
  .output(setting)
  .mutation(({ ctx, input }) =>
    setProductionPresetGuardrail(ctx.audit, input.organizationId, input.requireProductionPresets),
  );
