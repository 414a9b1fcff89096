// Massdriver bundles (massdriver.yaml, v1 and v2) → Patchbay bundle documents (the shape
// of bundles/<name>/bundle.yaml). The two versions differ only in details handled here:
// v1 refs types as `massdriver/<name>`, v2 as `<name>`; v2 adds `app` and may carry a
// top-level `dependencies` block that belongs to the params schema.
import { toPointer } from "@/server/domain/catalog/schema-path";
import type { JsonSchema, Provisioner, ShippedPreset } from "@/server/domain/catalog/types";
import { jqToTemplate } from "./massdriver-jq";
import { cleanSchema, inlineFileRefs, type ConvertContext } from "./massdriver-schema";
import { lucideIconFor } from "./massdriver-types";
import { dropUnknownOrder } from "./massdriver-ui";

export interface BundleDocument {
  name: string;
  version: string;
  description: string;
  icon: string;
  category: string;
  params: JsonSchema;
  ui: Record<string, unknown>;
  presets: ShippedPreset[];
  connections: Record<string, { type: string; required: boolean; title: string }>;
  artifacts: Record<string, { type: string; title: string }>;
  app?: {
    env: Record<string, string>;
    secrets: Record<string, { title: string; required: boolean; description?: string }>;
  };
  steps: { path: string; provisioner: Provisioner }[];
}

const HANDLED = new Set([
  "schema",
  "name",
  "version",
  "description",
  "params",
  "connections",
  "artifacts",
  "ui",
  "steps",
  "app",
  "dependencies",
]);
const PROVISIONERS: Record<string, Provisioner> = {
  opentofu: "opentofu",
  terraform: "terraform",
  helm: "helm",
};

const titleCase = (key: string) =>
  key.replace(/[_-]+/g, " ").replace(/^\w/, (c) => c.toUpperCase());

type Slots = { required?: string[]; properties?: Record<string, Record<string, unknown>> };

function convertSlots(raw: unknown, key: "connections" | "artifacts", ctx: ConvertContext) {
  const slots = (raw ?? {}) as Slots;
  const required = new Set(slots.required ?? []);
  const out: Record<string, { type: string; required?: boolean; title: string }> = {};
  for (const [slot, def] of Object.entries(slots.properties ?? {})) {
    const ref = typeof def.$ref === "string" ? def.$ref : "";
    for (const extra of Object.keys(def)) {
      if (extra !== "$ref" && extra !== "title") {
        ctx.warnings.push({
          file: ctx.file,
          path: toPointer([key, "properties", slot, extra]),
          message: `dropped "${extra}" on a slot: not supported`,
        });
      }
    }
    const type = ref.replace(/^massdriver\//, "");
    const title = String(def.title ?? titleCase(slot));
    // Every output slot is always produced, so only inputs carry `required`.
    out[slot] =
      key === "connections" ? { type, required: required.has(slot), title } : { type, title };
  }
  return out;
}

function convertPresets(params: Record<string, unknown>, ctx: ConvertContext): ShippedPreset[] {
  const examples = Array.isArray(params.examples)
    ? (params.examples as Record<string, unknown>[])
    : [];
  return examples.map((example, i) => {
    const { __name, ...values } = example;
    if (typeof __name !== "string") {
      ctx.warnings.push({
        file: ctx.file,
        path: `/params/examples/${i}`,
        message: "example has no __name; imported as an unnamed preset",
      });
    }
    return {
      name: typeof __name === "string" ? __name : `Example ${i + 1}`,
      description: "Imported from Massdriver params.examples",
      values,
    };
  });
}

function convertSteps(raw: unknown, ctx: ConvertContext): BundleDocument["steps"] {
  return ((raw ?? []) as Record<string, unknown>[]).map((step, i) => {
    const [tool = "", pin] = String(step.provisioner ?? "").split(":");
    const provisioner = PROVISIONERS[tool];
    if (!provisioner) {
      ctx.errors.push({
        file: ctx.file,
        path: `/steps/${i}/provisioner`,
        rule: "unsupported-provisioner",
        message: `provisioner "${tool}" is not one of opentofu, terraform, helm`,
      });
    }
    if (pin)
      ctx.warnings.push({
        file: ctx.file,
        path: `/steps/${i}/provisioner`,
        message: `dropped version pin "${pin}": the provisioner version is set per installation`,
      });
    for (const key of Object.keys(step)) {
      if (key !== "path" && key !== "provisioner") {
        ctx.warnings.push({
          file: ctx.file,
          path: `/steps/${i}/${key}`,
          message: `dropped step "${key}" (e.g. checkov settings): not supported`,
        });
      }
    }
    return { path: String(step.path ?? "src"), provisioner: provisioner ?? "opentofu" };
  });
}

function convertApp(raw: Record<string, unknown>, ctx: ConvertContext): BundleDocument["app"] {
  const env: Record<string, string> = {};
  for (const [name, expr] of Object.entries((raw.envs ?? {}) as Record<string, unknown>)) {
    const at = toPointer(["app", "envs", name]);
    const result = jqToTemplate(String(expr));
    if (result.template === undefined) {
      ctx.warnings.push({
        file: ctx.file,
        path: at,
        message: `env var not imported: ${result.problem}`,
      });
      continue;
    }
    env[name] = result.template;
    for (const note of result.notes)
      ctx.warnings.push({ file: ctx.file, path: at, message: `converted jq with ${note}` });
  }
  const secrets: NonNullable<BundleDocument["app"]>["secrets"] = {};
  for (const [name, def] of Object.entries(
    (raw.secrets ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    secrets[name] = {
      title: String(def.title ?? name),
      required: def.required === true,
      ...(typeof def.description === "string" ? { description: def.description } : {}),
    };
  }
  for (const key of Object.keys(raw)) {
    if (key !== "envs" && key !== "secrets")
      ctx.warnings.push({
        file: ctx.file,
        path: `/app/${key}`,
        message: `dropped "app.${key}": not supported`,
      });
  }
  return { env, secrets };
}

export function convertBundle(doc: Record<string, unknown>, ctx: ConvertContext): BundleDocument {
  for (const key of Object.keys(doc)) {
    if (!HANDLED.has(key))
      ctx.warnings.push({
        file: ctx.file,
        path: toPointer([key]),
        message: `dropped "${key}": not part of Patchbay's bundle format`,
      });
  }
  if (doc.schema !== undefined && doc.schema !== "draft-07") {
    ctx.warnings.push({
      file: ctx.file,
      path: "/schema",
      message: `schema dialect "${String(doc.schema)}" treated as draft-07`,
    });
  }
  const rawParams = (doc.params ?? {}) as Record<string, unknown>;
  const { examples: _examples, ...paramSchema } = rawParams;
  // File refs and Massdriver type URLs are inlined first, so the cleaning sees their keywords.
  const params = cleanSchema(
    inlineFileRefs(paramSchema, ctx.file, ctx, ["params"]),
    ["params"],
    ctx,
  );
  if (params.type === undefined) params.type = "object";
  if (doc.dependencies !== undefined) {
    // v2 puts param dependencies beside params; they only make sense inside the schema.
    params.dependencies = {
      ...((params.dependencies as object) ?? {}),
      ...(cleanSchema(
        { dependencies: inlineFileRefs(doc.dependencies, ctx.file, ctx, ["dependencies"]) },
        [],
        ctx,
      ).dependencies as object),
    };
    ctx.warnings.push({
      file: ctx.file,
      path: "/dependencies",
      message: "moved top-level dependencies into params.dependencies",
    });
  }
  const name = String(doc.name ?? "");
  return {
    name,
    version: String(doc.version ?? ""),
    description: String(doc.description ?? name),
    icon: lucideIconFor(name),
    category: "Imported",
    params,
    ui: dropUnknownOrder(doc.ui, params, ctx),
    presets: convertPresets(rawParams, ctx),
    connections: convertSlots(doc.connections, "connections", ctx) as BundleDocument["connections"],
    artifacts: convertSlots(doc.artifacts, "artifacts", ctx),
    ...(doc.app ? { app: convertApp(doc.app as Record<string, unknown>, ctx) } : {}),
    steps: convertSteps(doc.steps, ctx),
  };
}
