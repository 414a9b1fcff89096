// Reading a Massdriver import: which files to look at, parsing JSON or YAML, and what kind of
// Massdriver document each one is.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import type { CatalogError } from "@/server/domain/catalog/types";
import { containedPath } from "./contained-path";

export type Classified =
  | { kind: "bundle" | "resource-type" | "platform" | "v1-artifact"; doc: Record<string, unknown> }
  | { kind: "preview" | "fragment" }
  | { kind: "unknown"; reason: string };

/**
 * Parses JSON or YAML; a syntax error is described by position only (parser messages quote the
 * text).
 */
function parse(file: string, text: string): { doc?: unknown; reason?: string } {
  if (file.endsWith(".json")) {
    try {
      return { doc: JSON.parse(text) };
    } catch {
      return { reason: "cannot parse: not valid JSON" };
    }
  }
  const doc = parseDocument(text);
  const [firstError] = doc.errors;
  if (firstError) {
    const line = firstError.linePos?.[0]?.line;
    return {
      reason: `cannot parse: not valid YAML (${firstError.code}${line ? ` at line ${line}` : ""})`,
    };
  }
  return { doc: doc.toJS({ maxAliasCount: 100 }) };
}

export function classify(file: string, text: string): Classified {
  const { doc, reason } = parse(file, text);
  if (reason !== undefined) return { kind: "unknown", reason };
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    return { kind: "unknown", reason: "not a mapping" };
  const record = doc as Record<string, unknown>;
  if (file.endsWith(".json"))
    return "$md" in record ? { kind: "v1-artifact", doc: record } : { kind: "fragment" };
  if ("project" in record && "baseEnvironment" in record) return { kind: "preview" };
  if ("params" in record || "steps" in record) return { kind: "bundle", doc: record };
  if ("schema" in record && "name" in record) {
    return {
      kind: file.split(path.sep).includes("platforms") ? "platform" : "resource-type",
      doc: record,
    };
  }
  return { kind: "unknown", reason: "neither a bundle (params/steps) nor a type (name/schema)" };
}

/**
 * Files an import considers (massdriver.yaml files, other YAML, and JSON definitions), as
 * real paths. A link is followed only when it really leads inside the root; one leading out
 * is reported and never read. `seen` keeps a link loop from recursing forever.
 */
export function listFiles(
  root: string,
  dir: string,
  errors: CatalogError[],
  seen = new Set<string>([dir]),
): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    let real = full;
    if (entry.isSymbolicLink()) {
      const contained = containedPath(root, dir, entry.name);
      if (contained.problem) {
        const message =
          contained.problem.rule === "outside-import-root"
            ? `"${entry.name}" is a link outside the import root; not read`
            : contained.problem.message;
        errors.push({ file: full, path: "/", rule: contained.problem.rule, message });
        continue;
      }
      real = contained.path;
    }
    const stat = statSync(real);
    if (stat.isDirectory()) {
      if (seen.has(real)) continue;
      seen.add(real);
      out.push(...listFiles(root, real, errors, seen));
    } else if (stat.isFile() && /\.(ya?ml|json)$/.test(entry.name)) out.push(real);
  }
  return out;
}
