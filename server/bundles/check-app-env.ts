// Checks that `app.env` templates only reference things that will exist at deploy time:
// a param in the params schema, a field of a declared connection's artifact type, or a
// field of the metadata bag. A typo here would otherwise surface as an empty env var in
// production.
import { findMissingSegment, toPointer } from "@/server/domain/catalog/schema-path";
import {
  APP_ENV_ROOTS,
  METADATA_FIELDS,
  templateRefs,
  templateSyntaxError,
} from "@/server/domain/catalog/template";
import type {
  ArtifactTypeDefinition,
  CatalogError,
  JsonSchema,
} from "@/server/domain/catalog/types";

export interface AppEnvContext {
  file: string;
  params: JsonSchema;
  /** Connection key → artifact type name. */
  connections: Record<string, string>;
  types: ReadonlyMap<string, ArtifactTypeDefinition>;
}

function checkRef(segments: string[], ctx: AppEnvContext): string | undefined {
  const [root = "", ...rest] = segments;
  if (!(APP_ENV_ROOTS as readonly string[]).includes(root)) {
    return `unknown root "${root}" (use ${APP_ENV_ROOTS.join(", ")})`;
  }
  if (rest.length === 0) return `"${root}" needs a field, e.g. ${root}.name`;
  if (root === "metadata") {
    return (METADATA_FIELDS as readonly string[]).includes(rest[0] ?? "")
      ? undefined
      : `metadata has no field "${rest[0]}" (fields: ${METADATA_FIELDS.join(", ")})`;
  }
  if (root === "params") {
    const missing = findMissingSegment(ctx.params, rest);
    return missing === -1
      ? undefined
      : `params has no field "${rest.slice(0, missing + 1).join(".")}"`;
  }
  const [slot = "", ...field] = rest;
  const typeName = ctx.connections[slot];
  if (!typeName) return `no connection named "${slot}"`;
  const type = ctx.types.get(typeName);
  if (!type) return undefined; // already reported as unknown-artifact-type
  if (field.length === 0) return `connections.${slot} needs a field of ${typeName}`;
  const missing = findMissingSegment(type.schema, field);
  return missing === -1
    ? undefined
    : `artifact type ${typeName} has no field "${field.slice(0, missing + 1).join(".")}"`;
}

export function checkAppEnv(env: Record<string, string>, ctx: AppEnvContext): CatalogError[] {
  const errors: CatalogError[] = [];
  for (const [name, template] of Object.entries(env)) {
    const path = toPointer(["app", "env", name]);
    const syntax = templateSyntaxError(template);
    if (syntax) errors.push({ file: ctx.file, path, rule: "template-syntax", message: syntax });
    for (const ref of templateRefs(template)) {
      const problem = checkRef(ref.segments, ctx);
      if (problem)
        errors.push({
          file: ctx.file,
          path,
          rule: "template-ref",
          message: `{{${ref.path}}}: ${problem}`,
        });
    }
  }
  return errors;
}
