import { z } from "zod";
import { diffVersions } from "../../../state/views";
import { projectProcedure } from "../../procedures";
import { stateInput } from "./schemas";

const change = z.enum(["added", "removed", "changed"]);

/** Two versions of a state compared: resources and outputs, sensitive values masked. */
export const diff = projectProcedure("viewer", "state.diff")
  .input(
    stateInput.extend({
      from: z.number().int().min(0, { message: "must be 0 (no state) or a version" }),
      to: z.number().int().min(1, { message: "must be 1 or more" }),
    }),
  )
  .output(
    z.object({
      resources: z.array(
        z.object({
          address: z.string(),
          change,
          attributes: z.array(
            z.object({
              path: z.string(),
              before: z.unknown().optional(),
              after: z.unknown().optional(),
            }),
          ),
        }),
      ),
      outputs: z.array(
        z.object({
          name: z.string(),
          change,
          sensitive: z.boolean(),
          before: z.unknown().optional(),
          after: z.unknown().optional(),
        }),
      ),
    }),
  )
  .query(({ ctx, input: { step, from, to, ...t } }) =>
    diffVersions({ ...t, organizationId: ctx.access.organizationId }, step, from, to),
  );
