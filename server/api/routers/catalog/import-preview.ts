import { importPreviewDto } from "../../../catalog/schemas";
import { previewMassdriverImport } from "../../../catalog/service";
import { organizationProcedure } from "../../procedures";
import { importPath, organization } from "./shared";

/**
 * Dry run of a Massdriver import from a path on the server: converts, validates, writes nothing.
 */
export const importPreview = organizationProcedure("ops", "catalog.import")
  .input(organization.extend({ path: importPath }))
  .output(importPreviewDto)
  .query(({ input }) => previewMassdriverImport(input.organizationId, input.path));
