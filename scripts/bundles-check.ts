// `npm run bundles:check [dir]`: validate the catalog on disk the same way the server
// loads it, print every error as `file: path: rule: message`, exit 1 on any error.
import path from "node:path";
import { formatCatalogError, loadCatalog } from "@/server/bundles/loader";

const dir = path.resolve(process.argv[2] ?? "bundles");
const started = performance.now();
const catalog = loadCatalog(dir);
const ms = Math.round(performance.now() - started);

for (const error of catalog.errors) console.error(formatCatalogError(error));
const summary = `${catalog.bundles.length} bundles, ${catalog.artifactTypes.length} artifact types`;
if (catalog.errors.length > 0) {
  console.error(
    `\n${catalog.errors.length} error(s); loaded ${summary} from ${path.relative(process.cwd(), dir) || "."} in ${ms} ms`,
  );
  process.exit(1);
}
console.log(`ok: ${summary} from ${path.relative(process.cwd(), dir) || "."} in ${ms} ms`);
