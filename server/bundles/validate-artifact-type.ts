// Validation of one artifact type document (already parsed from YAML/JSON).
import type Ajv from "ajv";
import { findMissingSegment, sensitivePaths, toPointer } from "@/server/domain/catalog/schema-path";
import {
  GRANTEE_FIELDS,
  templateRefs,
  templateSyntaxError,
} from "@/server/domain/catalog/template";
import type {
  ArtifactTypeDefinition,
  CatalogError,
  JsonSchema,
  PolicyDefinition,
} from "@/server/domain/catalog/types";
import { definitionDigest } from "./digest";
import { ajvErrors, tryCompile, unknownKeywords } from "./json-schema";
import { artifactTypeMetaSchema } from "./meta-schemas";
import { resolveLocalRefs } from "./resolve-refs";

export interface ArtifactTypeContext {
  file: string;
  /** Catalog-relative location, copied to `definition.source`. */
  source: string;
  ajv: Ajv;
  /** Expected name (file name without extension), when the layout implies one. */
  expectedName?: string;
}

/** Every string leaf of a grant with its pointer, so templates can be checked uniformly. */
function stringLeaves(
  value: unknown,
  at: (string | number)[],
  out: { path: (string | number)[]; text: string }[],
) {
  if (typeof value === "string") out.push({ path: at, text: value });
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      stringLeaves(v, [...at, i], out);
    });
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) stringLeaves(v, [...at, k], out);
}

function checkPolicyTemplates(
  policy: PolicyDefinition,
  base: (string | number)[],
  schema: JsonSchema,
  file: string,
): CatalogError[] {
  const errors: CatalogError[] = [];
  const leaves: { path: (string | number)[]; text: string }[] = [];
  stringLeaves(policy.grants, [...base, "grants"], leaves);
  for (const { path, text } of leaves) {
    const pointer = toPointer(path);
    const syntax = templateSyntaxError(text);
    if (syntax) errors.push({ file, path: pointer, rule: "template-syntax", message: syntax });
    for (const ref of templateRefs(text)) {
      const [root, ...rest] = ref.segments;
      if (root === "artifact") {
        if (rest.length === 0 || findMissingSegment(schema, rest) !== -1) {
          errors.push({
            file,
            path: pointer,
            rule: "template-ref",
            message: `{{${ref.path}}}: the payload schema has no field "${rest.join(".")}"`,
          });
        }
      } else if (root === "grantee") {
        if (rest.length !== 1 || !(GRANTEE_FIELDS as readonly string[]).includes(rest[0] ?? "")) {
          errors.push({
            file,
            path: pointer,
            rule: "template-ref",
            message: `{{${ref.path}}}: grantee fields are ${GRANTEE_FIELDS.join(", ")}`,
          });
        }
      } else {
        errors.push({
          file,
          path: pointer,
          rule: "template-ref",
          message: `{{${ref.path}}}: policy templates may only use artifact.* and grantee.*`,
        });
      }
    }
  }
  return errors;
}

/** The never-"*" rule: a grant must be scoped to the producer's resource. */
function checkAwsScope(
  policy: PolicyDefinition,
  base: (string | number)[],
  file: string,
): CatalogError[] {
  const errors: CatalogError[] = [];
  policy.grants.aws?.document?.Statement.forEach((statement, i) => {
    const at = [...base, "grants", "aws", "document", "Statement", i];
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    resources.forEach((resource, j) => {
      const where = toPointer(
        Array.isArray(statement.Resource) ? [...at, "Resource", j] : [...at, "Resource"],
      );
      if (/^\*$|^arn:[^{]*\*$/.test(resource.trim())) {
        errors.push({
          file,
          path: where,
          rule: "policy-wildcard-resource",
          message: `Resource "${resource}" grants every resource; scope it with {{artifact.…}}`,
        });
      } else if (!resource.includes("{{artifact.")) {
        errors.push({
          file,
          path: where,
          rule: "policy-unscoped-resource",
          message: `Resource "${resource}" must reference the producer's resource ({{artifact.arn}} …)`,
        });
      }
    });
    statement.Action.forEach((action, j) => {
      if (action === "*" || action.endsWith(":*")) {
        errors.push({
          file,
          path: toPointer([...at, "Action", j]),
          rule: "policy-wildcard-action",
          message: `Action "${action}" grants every action; list the actions`,
        });
      }
    });
  });
  return errors;
}

function awsActions(policy: PolicyDefinition): Set<string> | undefined {
  const doc = policy.grants.aws?.document;
  return doc
    ? new Set(doc.Statement.flatMap((s) => (s.Effect === "Allow" ? s.Action : [])))
    : undefined;
}

/**
 * Invariant: the first policy is the least privileged. We cannot rank disjoint grants
 * (publish vs subscribe), but a first policy that strictly contains another one's AWS
 * actions is certainly out of order.
 */
function checkPolicyOrder(policies: PolicyDefinition[], file: string): CatalogError[] {
  const [least, ...rest] = policies;
  const first = least && awsActions(least);
  if (!first) return [];
  for (const policy of rest) {
    const other = awsActions(policy);
    if (other && other.size < first.size && [...other].every((a) => first.has(a))) {
      return [
        {
          file,
          path: "/policies/0",
          rule: "policy-order",
          message: `"${least.id}" grants more than "${policy.id}"; list the least privileged policy first`,
        },
      ];
    }
  }
  return [];
}

export function validateArtifactType(
  doc: unknown,
  ctx: ArtifactTypeContext,
): { definition?: ArtifactTypeDefinition; errors: CatalogError[] } {
  const { file, ajv } = ctx;
  const validateMeta =
    ajv.getSchema(artifactTypeMetaSchema.$id) ?? ajv.compile(artifactTypeMetaSchema);
  if (!validateMeta(doc)) return { errors: ajvErrors(file, "", "schema", validateMeta.errors) };
  const raw = doc as Omit<ArtifactTypeDefinition, "digest" | "source" | "sensitivePaths">;
  const errors: CatalogError[] = [];
  if (ctx.expectedName && raw.name !== ctx.expectedName) {
    errors.push({
      file,
      path: "/name",
      rule: "name-mismatch",
      message: `name "${raw.name}" must match the file name "${ctx.expectedName}"`,
    });
  }
  for (const unknown of unknownKeywords(raw.schema, ["schema"])) {
    errors.push({
      file,
      path: unknown.path,
      rule: "schema-keyword",
      message: `"${unknown.keyword}" is not a JSON Schema draft-07 keyword`,
    });
  }
  const resolved = resolveLocalRefs(raw.schema);
  for (const p of resolved.problems)
    errors.push({ file, path: `/schema${p.path}`, rule: p.rule, message: p.message });
  const compiled = tryCompile(ajv, resolved.schema, file, "/schema", "schema-compile");
  if (compiled.error) errors.push(compiled.error);

  const policies = raw.policies ?? [];
  const seen = new Set<string>();
  policies.forEach((policy, i) => {
    if (seen.has(policy.id))
      errors.push({
        file,
        path: `/policies/${i}/id`,
        rule: "policy-duplicate",
        message: `policy id "${policy.id}" is listed twice`,
      });
    seen.add(policy.id);
    errors.push(...checkAwsScope(policy, ["policies", i], file));
    errors.push(...checkPolicyTemplates(policy, ["policies", i], resolved.schema, file));
  });
  errors.push(...checkPolicyOrder(policies, file));
  if (errors.length > 0) return { errors };

  const definition: ArtifactTypeDefinition = {
    name: raw.name,
    label: raw.label,
    icon: raw.icon,
    color: raw.color,
    orientation: raw.orientation,
    schema: resolved.schema,
    sensitivePaths: sensitivePaths(resolved.schema),
    policies,
    digest: definitionDigest(doc),
    source: ctx.source,
  };
  return { definition, errors };
}
