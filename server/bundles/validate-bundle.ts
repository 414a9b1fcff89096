// Validation of one bundle document against the meta-schema and the rest of the catalog.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type Ajv from "ajv";
import semver from "semver";
import { toPointer } from "@/server/domain/catalog/schema-path";
import type {
  AppDefinition,
  ArtifactTypeDefinition,
  BundleDefinition,
  CatalogError,
  JsonSchema,
  ShippedPreset,
  StepDefinition,
  UiSchema,
} from "@/server/domain/catalog/types";
import { checkAppEnv } from "./check-app-env";
import { definitionDigest, hashTree } from "./digest";
import { ajvErrors, tryCompile, unknownKeywords } from "./json-schema";
import { bundleMetaSchema } from "./meta-schemas";
import { resolveLocalRefs } from "./resolve-refs";

export interface BundleContext {
  file: string;
  /** Catalog-relative location, copied to `definition.source`. */
  source: string;
  ajv: Ajv;
  types: ReadonlyMap<string, ArtifactTypeDefinition>;
  /** Types whose own file failed validation: referencing them is reported differently. */
  brokenTypes?: ReadonlySet<string>;
  /** Directory holding the IaC; when absent, step paths are not checked nor hashed (imports). */
  dir?: string;
  expectedName?: string;
  /**
   * Presets are partial (Massdriver imports): a preset may leave required fields to the
   * developer; every other rule of the params still holds for the values it sets.
   */
  partialPresets?: boolean;
}

interface RawBundle {
  name: string;
  version: string;
  description: string;
  icon: string;
  category: string;
  params: JsonSchema;
  ui?: UiSchema;
  presets?: ShippedPreset[];
  connections: Record<
    string,
    { type: string; required: boolean; title: string; constraints?: JsonSchema }
  >;
  artifacts: Record<string, { type: string; title: string }>;
  app?: Partial<AppDefinition>;
  steps: StepDefinition[];
}

function typeProblem(ctx: BundleContext, type: string, at: string): CatalogError | undefined {
  if (ctx.types.has(type)) return undefined;
  const why = ctx.brokenTypes?.has(type) ? "failed to load (see its errors)" : "does not exist";
  return {
    file: ctx.file,
    path: at,
    rule: "unknown-artifact-type",
    message: `artifact type "${type}" ${why}`,
  };
}

function checkSlots(raw: RawBundle, ctx: BundleContext): CatalogError[] {
  const errors: CatalogError[] = [];
  const paramNames = new Set(Object.keys((raw.params.properties as object | undefined) ?? {}));
  for (const [key, slot] of Object.entries(raw.connections)) {
    const problem = typeProblem(ctx, slot.type, toPointer(["connections", key, "type"]));
    if (problem) errors.push(problem);
    // Params and connections share one namespace in templates and in the IaC variables.
    if (paramNames.has(key)) {
      errors.push({
        file: ctx.file,
        path: toPointer(["connections", key]),
        rule: "slot-collision",
        message: `connection "${key}" has the same name as a param`,
      });
    }
    if (slot.constraints) {
      const compiled = tryCompile(
        ctx.ajv,
        slot.constraints,
        ctx.file,
        toPointer(["connections", key, "constraints"]),
        "constraints-compile",
      );
      if (compiled.error) errors.push(compiled.error);
    }
  }
  for (const [key, slot] of Object.entries(raw.artifacts)) {
    const problem = typeProblem(ctx, slot.type, toPointer(["artifacts", key, "type"]));
    if (problem) errors.push(problem);
    if (key in raw.connections) {
      errors.push({
        file: ctx.file,
        path: toPointer(["artifacts", key]),
        rule: "slot-collision",
        message: `artifact "${key}" has the same name as a connection`,
      });
    }
  }
  return errors;
}

function checkParams(raw: RawBundle, ctx: BundleContext) {
  const errors: CatalogError[] = [];
  for (const unknown of unknownKeywords(raw.params, ["params"])) {
    errors.push({
      file: ctx.file,
      path: unknown.path,
      rule: "params-keyword",
      message: `"${unknown.keyword}" is not a JSON Schema draft-07 keyword`,
    });
  }
  const resolved = resolveLocalRefs(raw.params);
  for (const p of resolved.problems)
    errors.push({ file: ctx.file, path: `/params${p.path}`, rule: p.rule, message: p.message });
  if (resolved.problems.length > 0) return { errors, params: resolved.schema };
  const compiled = tryCompile(ctx.ajv, resolved.schema, ctx.file, "/params", "params-compile");
  if (compiled.error) return { errors: [...errors, compiled.error], params: resolved.schema };
  const validate = compiled.validate!;
  const names = new Set<string>();
  (raw.presets ?? []).forEach((preset, i) => {
    if (names.has(preset.name)) {
      errors.push({
        file: ctx.file,
        path: `/presets/${i}/name`,
        rule: "preset-duplicate",
        message: `preset "${preset.name}" is listed twice`,
      });
    }
    names.add(preset.name);
    if (!validate(preset.values)) {
      const broken = ctx.partialPresets
        ? validate.errors?.filter((e) => e.keyword !== "required")
        : validate.errors;
      for (const e of ajvErrors(ctx.file, `/presets/${i}/values`, "preset-invalid", broken)) {
        errors.push({ ...e, message: `preset "${preset.name}": ${e.message}` });
      }
    }
  });
  return { errors, params: resolved.schema };
}

function checkUiOrder(raw: RawBundle, ctx: BundleContext): CatalogError[] {
  const order = raw.ui?.["ui:order"];
  if (!Array.isArray(order)) return [];
  const names = new Set(Object.keys((raw.params.properties as object | undefined) ?? {}));
  return order.flatMap((entry, i) =>
    entry === "*" || names.has(String(entry))
      ? []
      : [
          {
            file: ctx.file,
            path: `/ui/ui:order/${i}`,
            rule: "ui-order",
            message: `ui:order names "${entry}", which is not a param`,
          },
        ],
  );
}

function checkSteps(
  raw: RawBundle,
  ctx: BundleContext,
): { errors: CatalogError[]; files: Record<string, string> } {
  const errors: CatalogError[] = [];
  const files: Record<string, string> = {};
  if (!ctx.dir) return { errors, files };
  raw.steps.forEach((step, i) => {
    const full = path.join(ctx.dir!, step.path);
    if (!existsSync(full) || !statSync(full).isDirectory()) {
      errors.push({
        file: ctx.file,
        path: `/steps/${i}/path`,
        rule: "step-path-missing",
        message: `step directory "${step.path}" does not exist next to bundle.yaml`,
      });
    } else {
      Object.assign(files, hashTree(ctx.dir!, full));
    }
  });
  return { errors, files };
}

/**
 * The document as its digest sees it: without the presets' `allowed` environments. Those are
 * preset metadata, versioned as the built-in preset's own versions (a change publishes a new
 * preset version, see catalog/plan.ts), so declaring them does not turn a published bundle
 * version into "changed after it was published".
 */
function withoutPresetAllowances(raw: RawBundle): unknown {
  if (!raw.presets?.some((p) => p.allowed)) return raw;
  return { ...raw, presets: raw.presets.map(({ allowed: _allowed, ...p }) => p) };
}

export function validateBundle(
  doc: unknown,
  ctx: BundleContext,
): { definition?: BundleDefinition; errors: CatalogError[] } {
  const validateMeta = ctx.ajv.getSchema(bundleMetaSchema.$id) ?? ctx.ajv.compile(bundleMetaSchema);
  if (!validateMeta(doc)) return { errors: ajvErrors(ctx.file, "", "schema", validateMeta.errors) };
  const raw = doc as RawBundle;
  const errors: CatalogError[] = [];
  if (ctx.expectedName && raw.name !== ctx.expectedName) {
    errors.push({
      file: ctx.file,
      path: "/name",
      rule: "name-mismatch",
      message: `name "${raw.name}" must match its directory "${ctx.expectedName}"`,
    });
  }
  if (!semver.valid(raw.version)) {
    errors.push({
      file: ctx.file,
      path: "/version",
      rule: "semver",
      message: `"${raw.version}" is not a semantic version (e.g. 1.2.0)`,
    });
  }
  errors.push(...checkSlots(raw, ctx));
  const params = checkParams(raw, ctx);
  errors.push(...params.errors, ...checkUiOrder(raw, ctx));
  const app: AppDefinition | undefined = raw.app
    ? { env: raw.app.env ?? {}, secrets: raw.app.secrets ?? {} }
    : undefined;
  if (app) {
    const connections = Object.fromEntries(
      Object.entries(raw.connections).map(([k, v]) => [k, v.type]),
    );
    errors.push(
      ...checkAppEnv(app.env, {
        file: ctx.file,
        params: params.params,
        connections,
        types: ctx.types,
      }),
    );
    for (const name of Object.keys(app.secrets)) {
      if (name in app.env) {
        errors.push({
          file: ctx.file,
          path: toPointer(["app", "secrets", name]),
          rule: "secret-collision",
          message: `${name} is both a secret and an env template`,
        });
      }
    }
  }
  const steps = checkSteps(raw, ctx);
  errors.push(...steps.errors);
  if (errors.length > 0) return { errors };

  const definition: BundleDefinition = {
    name: raw.name,
    version: raw.version,
    description: raw.description,
    icon: raw.icon,
    category: raw.category,
    params: params.params,
    ui: raw.ui ?? {},
    presets: (raw.presets ?? []).map((p) => ({
      name: p.name,
      description: p.description ?? "",
      values: p.values,
      ...(p.allowed ? { allowed: p.allowed } : {}),
    })),
    connections: Object.entries(raw.connections).map(([key, s]) => ({
      key,
      type: s.type,
      title: s.title,
      required: s.required,
      ...(s.constraints ? { constraints: s.constraints } : {}),
    })),
    artifacts: Object.entries(raw.artifacts).map(([key, s]) => ({
      key,
      type: s.type,
      title: s.title,
    })),
    ...(app ? { app } : {}),
    steps: raw.steps,
    digest: definitionDigest(withoutPresetAllowances(raw), steps.files),
    source: ctx.source,
  };
  return { definition, errors };
}
