import { z } from "zod";
import { listStates } from "../../../state/views";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";
import { versionDto } from "./schemas";

/** The instance's states: latest version, lock holder, and the backend block to use them. */
export const list = projectProcedure("viewer", "state.list")
  .input(z.object({ projectId: id, componentId: id, environmentId: id }))
  .output(
    z.object({
      instanceId: z.string().nullable(),
      states: z.array(
        z.object({
          step: z.string(),
          address: z.string(),
          backend: z.string(),
          latest: versionDto.nullable(),
          lock: z
            .object({
              id: z.string(),
              operation: z.string(),
              who: z.string(),
              info: z.string(),
              created: z.string(),
              deploymentId: z.string().nullable(),
            })
            .nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => listStates({ ...input, organizationId: ctx.access.organizationId }));
