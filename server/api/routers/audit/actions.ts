import { z } from "zod";
import { distinctActions } from "../../../repositories/audit";
import { organizationProcedure } from "../../procedures";
import { id } from "../../schemas";

/** The actions the organization's trail holds, for the filter's choices. */
export const actions = organizationProcedure("viewer", "audit.read")
  .input(z.object({ organizationId: id }))
  .output(z.array(z.string()))
  .query(({ input }) => distinctActions(input.organizationId));
