import { z } from "zod";
import * as imported from "../../references/imported-artifacts";
import {
  borrowerDto,
  importedArtifactDto,
  importedName,
  importedRevisionDto,
} from "../../references/schemas";
import { defaultTypes } from "../../secrets/environment-defaults";
import { defaultTypeDto } from "../../secrets/schemas";
import { organizationProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

const org = z.object({ organizationId: id });
const fields = {
  name: importedName,
  production: z.boolean().default(false),
  payload: z.record(z.string(), z.unknown()),
};

// Infrastructure Patchbay does not manage, entered by ops for the organization. Sensitive fields
// go in, never come out (only fingerprints).
export const importedArtifactRouter = router({
  list: organizationProcedure("viewer", "imported-artifact.list")
    .input(org)
    .output(z.array(importedArtifactDto.extend({ usedBy: z.array(borrowerDto) })))
    .query(({ input }) => imported.listImported(input.organizationId)),

  /** Artifact types with their schemas, for the payload form. */
  types: organizationProcedure("viewer", "imported-artifact.list")
    .input(org)
    .output(z.array(defaultTypeDto))
    .query(({ input }) => defaultTypes(input.organizationId)),

  history: organizationProcedure("viewer", "imported-artifact.list")
    .input(org.extend({ id }))
    .output(z.array(importedRevisionDto))
    .query(({ input }) => imported.importedHistory(input.organizationId, input.id)),

  create: organizationProcedure("ops", "imported-artifact.create")
    .input(org.extend({ ...fields, type: z.string().min(1, { message: "is required" }).max(100) }))
    .output(importedArtifactDto)
    .mutation(({ ctx, input: { organizationId, ...input } }) =>
      imported.createImported(ctx.audit, organizationId, input),
    ),

  /** A new version; sensitive fields left out keep their sealed value. */
  update: organizationProcedure("ops", "imported-artifact.update")
    .input(org.extend({ id, ...fields }))
    .output(importedArtifactDto)
    .mutation(({ ctx, input: { organizationId, ...input } }) =>
      imported.updateImported(ctx.audit, organizationId, input),
    ),

  /** Refused while any slot references it (the message names every borrower). */
  remove: organizationProcedure("ops", "imported-artifact.remove")
    .input(org.extend({ id }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) =>
      imported.removeImported(ctx.audit, input.organizationId, input.id),
    ),
});
