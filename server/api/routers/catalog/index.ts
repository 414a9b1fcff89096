import { router } from "../../trpc";
import { artifactTypes } from "./artifact-types";
import { bundle } from "./bundle";
import { categories } from "./categories";
import { importBundles } from "./import";
import { importPreview } from "./import-preview";
import { importRoots } from "./import-roots";
import { list } from "./list";

// Every organization reads the shared catalog plus what it imported itself: each procedure
// names the organization, and reads the catalog as that organization sees it.
export const catalogRouter = router({
  list,
  categories,
  bundle,
  artifactTypes,
  importRoots,
  importPreview,
  import: importBundles,
});
