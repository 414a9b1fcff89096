import { importIntoCatalog } from "../../../catalog/import";
import { importResultDto } from "../../../catalog/schemas";
import { organizationProcedure } from "../../procedures";
import { importPath, organization } from "./shared";

/** Imports what validated under a Massdriver path into the catalog as new immutable versions. */
export const importBundles = organizationProcedure("ops", "catalog.import")
  .input(organization.extend({ path: importPath }))
  .output(importResultDto)
  .mutation(({ ctx, input }) => importIntoCatalog(ctx.audit, input.organizationId, input.path));
