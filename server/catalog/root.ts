// The catalog directory the server syncs and reads READMEs from: `bundles/` of the checkout
// Patchbay runs from (npm start and the tests both run from the repository root).
import path from "node:path";

export function catalogRoot(): string {
  return path.join(process.cwd(), "bundles");
}
