// `npm run bundles:import -- <path> [--write] [--catalog dir] [--root dir]`: convert Massdriver
// bundles and artifact definitions, validate them, print a summary and every warning/error.
// Only with --write are the results written to <catalog>/imported/. Files are read only inside
// --root (default: <path> itself, or its directory when it is a file), links included.
import { statSync } from "node:fs";
import path from "node:path";
import { realRoot } from "@/server/bundles/contained-path";
import { formatCatalogError, loadCatalog } from "@/server/bundles/loader";
import { importMassdriverPath } from "@/server/bundles/massdriver";
import { writeImport } from "@/server/bundles/massdriver-write";

const args = process.argv.slice(2);
const write = args.includes("--write");
const catalogFlag = args.indexOf("--catalog");
const catalogDir = path.resolve(
  (catalogFlag >= 0 ? args[catalogFlag + 1] : undefined) ?? "bundles",
);
const rootFlag = args.indexOf("--root");
const target = args.find(
  (a, i) => !a.startsWith("--") && args[i - 1] !== "--catalog" && args[i - 1] !== "--root",
);
if (!target) {
  console.error(
    "usage: npm run bundles:import -- <file-or-dir> [--write] [--catalog bundles] [--root dir]",
  );
  process.exit(2);
}
const root = realRoot(
  rootFlag >= 0
    ? (args[rootFlag + 1] ?? "")
    : statSync(target).isDirectory()
      ? target
      : path.dirname(target),
);

const rel = (file: string) => path.relative(process.cwd(), file) || file;
// Bundles may reference the shipped types (e.g. a v2 bundle linking to `postgresql`).
const knownTypes = loadCatalog(catalogDir).artifactTypes;
const result = importMassdriverPath(path.resolve(target), { root, knownTypes });

for (const t of result.artifactTypes) {
  console.log(
    `type    ${t.name.padEnd(28)} ${t.orientation.padEnd(11)} policies: ${t.policies.map((p) => p.id).join(", ") || "-"}  sensitive: ${t.sensitivePaths.join(", ") || "-"}`,
  );
}
for (const b of result.bundles) {
  const slots = (list: { key: string; type: string }[]) =>
    list.map((s) => `${s.key}:${s.type}`).join(", ") || "-";
  console.log(
    `bundle  ${b.name}@${b.version}  presets: ${b.presets.map((p) => p.name).join(" | ") || "-"}`,
  );
  console.log(`          in: ${slots(b.connections)}   out: ${slots(b.artifacts)}`);
}
for (const w of result.warnings) console.log(`warning ${rel(w.file)}: ${w.path}: ${w.message}`);
for (const e of result.errors) console.error(`error   ${formatCatalogError(e)}`);
console.log(
  `\n${result.bundles.length} bundles, ${result.artifactTypes.length} artifact types, ${result.warnings.length} warnings, ${result.errors.length} errors`,
);

if (write) {
  const report = writeImport(result, catalogDir, root);
  for (const w of report.warnings) console.log(`warning ${rel(w.file)}: ${w.path}: ${w.message}`);
  for (const f of report.written) console.log(`wrote   ${rel(f)}`);
} else {
  console.log(`dry run: pass --write to write into ${rel(path.join(catalogDir, "imported"))}`);
}
process.exit(result.errors.length > 0 ? 1 : 0);
