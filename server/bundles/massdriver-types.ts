// Massdriver artifact definitions (v1 JSON), resource types and platform credential
// types (v2 YAML) → Patchbay artifact-type documents (the shape of
// bundles/artifact-types/<name>.yaml).
import { findMissingSegment, toPointer } from "@/server/domain/catalog/schema-path";
import type { JsonSchema, PolicyDefinition } from "@/server/domain/catalog/types";
import { cleanSchema, inlineFileRefs, type ConvertContext } from "./massdriver-schema";

export interface ArtifactTypeDocument {
  name: string;
  label: string;
  icon: string;
  color: string;
  orientation: "link" | "environment";
  schema: JsonSchema;
  policies: PolicyDefinition[];
}

const ICONS: [RegExp, string][] = [
  [/postgres|mysql|sql|database|rdbms|mongo/, "database"],
  [/redis|cache|memcache/, "zap"],
  [/bucket|storage|s3|gcs|blob/, "archive"],
  [/queue|sqs/, "mail"],
  [/topic|sns|pubsub|event/, "megaphone"],
  [/network|vpc|subnet/, "network"],
  [/kubernetes|k8s|cluster/, "ship-wheel"],
  [/role|iam|credential|service-account|principal|token|key/, "key-round"],
  [/application|workload|function|app/, "container"],
];
const PALETTE = [
  "#2b6cb0",
  "#2f855a",
  "#c05621",
  "#6b46c1",
  "#b83280",
  "#2c7a7b",
  "#975a16",
  "#c53030",
  "#4a5568",
  "#3182ce",
];

/** Massdriver icons are image URLs; the canvas uses lucide names, picked from the type name. */
export function lucideIconFor(name: string): string {
  return ICONS.find(([re]) => re.test(name))?.[1] ?? "box";
}

/** A stable colour per type name, so re-imports do not repaint lines. */
function colorFor(name: string): string {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

function warnIcon(icon: unknown, name: string, at: string, ctx: ConvertContext): string {
  const lucide = lucideIconFor(name);
  if (icon !== undefined)
    ctx.warnings.push({
      file: ctx.file,
      path: at,
      message: `icon "${String(icon)}" replaced by lucide icon "${lucide}"`,
    });
  return lucide;
}

const UI_WHY: Record<string, string> = {
  instructions: "onboarding instructions are not imported",
  environmentDefaultGroup: "environment default groups are not modelled; orientation is kept",
  connectionOrientation: "",
};

function orientationFrom(
  ui: Record<string, unknown> | undefined,
  base: (string | number)[],
  ctx: ConvertContext,
  fallback: "link" | "environment",
) {
  for (const key of Object.keys(ui ?? {})) {
    if (key === "connectionOrientation") continue;
    ctx.warnings.push({
      file: ctx.file,
      path: toPointer([...base, key]),
      message: `dropped "${key}": ${UI_WHY[key] ?? "UI setting not supported"}`,
    });
  }
  const raw = ui?.connectionOrientation;
  if (raw === "environmentDefault") return "environment";
  if (raw === "link") return "link";
  return fallback;
}

/**
 * Massdriver v1 producers name their IAM policies at runtime, as keys of
 * `data.security.iam` (`{read: {policy_arn}, write: {policy_arn}}`). Definitions do not
 * list the names, so the conventional pair is imported (least privileged first) as
 * grants of the producer-managed policy ARN, and the assumption is reported.
 */
function v1IamPolicies(schema: JsonSchema, name: string, ctx: ConvertContext): PolicyDefinition[] {
  const has = (id: string) =>
    findMissingSegment(schema, ["data", "security", "iam", id, "policy_arn"]) === -1;
  if (!has("read") || !has("write")) return [];
  ctx.warnings.push({
    file: ctx.file,
    path: "/properties/data/properties/security",
    message: `policy names of ${name} are chosen at runtime (keys of data.security.iam); imported the conventional "read" and "write"`,
  });
  const policy = (id: string, title: string, description: string): PolicyDefinition => ({
    id,
    title,
    description,
    grants: { aws: { policyArn: `{{artifact.data.security.iam.${id}.policy_arn}}` } },
  });
  return [
    policy("read", "Read", `Attach the producer's managed "read" policy for this ${name}.`),
    policy("write", "Write", `Attach the producer's managed "write" policy for this ${name}.`),
  ];
}

/** v1 artifact definition (JSON with `$md`). `file` is needed to resolve relative `$ref`s. */
export function convertV1ArtifactDefinition(
  doc: Record<string, unknown>,
  ctx: ConvertContext,
): ArtifactTypeDocument {
  const md = (doc.$md ?? {}) as Record<string, unknown>;
  const name = String(md.name ?? "");
  for (const key of Object.keys(md)) {
    if (["name", "label", "icon", "ui"].includes(key)) continue;
    if (key === "export" && Array.isArray(md.export) && md.export.length === 0) continue;
    ctx.warnings.push({
      file: ctx.file,
      path: toPointer(["$md", key]),
      message: `dropped "$md.${key}": not supported`,
    });
  }
  const icon = warnIcon(md.icon, name, "/$md/icon", ctx);
  const orientation = orientationFrom(
    md.ui as Record<string, unknown> | undefined,
    ["$md", "ui"],
    ctx,
    "link",
  );
  const { $md: _md, $schema: _schema, ...rest } = doc;
  const inlined = inlineFileRefs(rest, ctx.file, ctx);
  const schema = cleanSchema(inlined, [], ctx);
  return {
    name,
    label: String(md.label ?? doc.title ?? name),
    icon,
    color: colorFor(name),
    orientation,
    schema,
    policies: v1IamPolicies(schema, name, ctx),
  };
}

/** v2 resource type or platform credential type (YAML with `name`, `label`, `schema`). */
export function convertV2Type(
  doc: Record<string, unknown>,
  ctx: ConvertContext,
  kind: "resource-type" | "platform",
): ArtifactTypeDocument {
  const name = String(doc.name ?? "");
  for (const key of Object.keys(doc)) {
    if (["name", "label", "icon", "ui", "schema"].includes(key)) continue;
    if (key === "exports" && Array.isArray(doc.exports) && doc.exports.length === 0) continue;
    const why =
      key === "exports"
        ? "downloadable exports (e.g. kubeconfig templates) are not supported"
        : "not supported";
    ctx.warnings.push({
      file: ctx.file,
      path: toPointer([key]),
      message: `dropped "${key}": ${why}`,
    });
  }
  const icon = warnIcon(doc.icon, name, "/icon", ctx);
  // Platforms are credentials: supplied per environment unless the file says otherwise.
  const orientation = orientationFrom(
    doc.ui as Record<string, unknown> | undefined,
    ["ui"],
    ctx,
    kind === "platform" ? "environment" : "link",
  );
  const schema = cleanSchema(doc.schema ?? { type: "object" }, ["schema"], ctx);
  if (schema.type === undefined) schema.type = "object";
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  if ("policies" in props) {
    ctx.warnings.push({
      file: ctx.file,
      path: "/schema/properties/policies",
      message:
        "the producer lists its policies at runtime in the payload; Patchbay needs static policy grants, so none were imported (add them to the type by hand)",
    });
  }
  return {
    name,
    label: String(doc.label ?? name),
    icon,
    color: colorFor(name),
    orientation,
    schema,
    policies: [],
  };
}
