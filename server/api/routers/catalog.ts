import { z } from "zod";
import {
  artifactTypeDto,
  bundleDetailDto,
  bundleSummaryDto,
  categoryDto,
  importPreviewDto,
  importResultDto,
} from "../../catalog/schemas";
import { importIntoCatalog } from "../../catalog/import";
import { importRoots } from "../../catalog/import-roots";
import * as catalog from "../../catalog/service";
import { requireOrganization } from "../guard";
import { id } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const importPath = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(1000, { message: "must be at most 1000 characters" });
const bundleName = z.string().regex(/^[a-z][a-z0-9-]+[a-z0-9]$/, {
  message: "must be a bundle name (lowercase letters, digits and -)",
});

// Every organization reads the shared catalog plus what it imported itself: each procedure
// takes the organization, checks the caller's access to it, and reads the catalog as it sees it.
export const catalogRouter = router({
  list: protectedProcedure
    .input(
      z.object({
        organizationId: id,
        q: z.string().max(200).optional(),
        category: z.string().max(80).optional(),
      }),
    )
    .output(z.array(bundleSummaryDto))
    .query(async ({ ctx, input: { organizationId, q, category } }) => {
      await requireOrganization(ctx, organizationId, "viewer", "catalog.list");
      return catalog.listCatalog(organizationId, { q, category });
    }),

  categories: protectedProcedure
    .input(z.object({ organizationId: id }))
    .output(z.array(categoryDto))
    .query(async ({ ctx, input }) => {
      await requireOrganization(ctx, input.organizationId, "viewer", "catalog.list");
      return catalog.listCategories(input.organizationId);
    }),

  bundle: protectedProcedure
    .input(
      z.object({ organizationId: id, name: bundleName, version: z.string().max(64).optional() }),
    )
    .output(bundleDetailDto)
    .query(async ({ ctx, input: { organizationId, name, version } }) => {
      await requireOrganization(ctx, organizationId, "viewer", "catalog.read");
      return catalog.bundleDetail(organizationId, name, version);
    }),

  artifactTypes: protectedProcedure
    .input(z.object({ organizationId: id }))
    .output(z.array(artifactTypeDto))
    .query(async ({ ctx, input }) => {
      await requireOrganization(ctx, input.organizationId, "viewer", "catalog.list");
      return catalog.listArtifactTypes(input.organizationId);
    }),

  /** Directories an import may read from, for the import panel's hint. */
  importRoots: protectedProcedure
    .input(z.object({ organizationId: id }))
    .output(z.array(z.string()))
    .query(async ({ ctx, input }) => {
      await requireOrganization(ctx, input.organizationId, "ops", "catalog.import");
      return importRoots();
    }),

  /** Dry run of a Massdriver import from a path on the server: converts, validates, writes nothing. */
  importPreview: protectedProcedure
    .input(z.object({ organizationId: id, path: importPath }))
    .output(importPreviewDto)
    .query(async ({ ctx, input }) => {
      await requireOrganization(ctx, input.organizationId, "ops", "catalog.import");
      return catalog.previewMassdriverImport(input.organizationId, input.path);
    }),

  /** Imports what validated under a Massdriver path into the catalog as new immutable versions. */
  import: protectedProcedure
    .input(z.object({ organizationId: id, path: importPath }))
    .output(importResultDto)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrganization(ctx, input.organizationId, "ops", "catalog.import");
      return importIntoCatalog(
        { actor: access.actor, meta: ctx.meta },
        input.organizationId,
        input.path,
      );
    }),
});
