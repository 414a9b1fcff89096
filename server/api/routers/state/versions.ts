import { z } from "zod";
import { stateVersions } from "../../../state/views";
import { projectProcedure } from "../../procedures";
import { stateInput, versionDto } from "./schemas";

/** A state's history, newest first: serial, lineage, who, run, time, size, md5. */
export const versions = projectProcedure("viewer", "state.versions")
  .input(stateInput)
  .output(z.array(versionDto))
  .query(({ ctx, input: { step, ...t } }) =>
    stateVersions({ ...t, organizationId: ctx.access.organizationId }, step),
  );
