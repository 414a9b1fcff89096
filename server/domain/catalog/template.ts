// The one template syntax of the catalog: `{{ root.path.to.value }}`.
//
// - A placeholder is `{{`, optional spaces, a dotted path, optional spaces, `}}`.
// - Path segments are letters, digits, `_` or `-` (`certificate-authority-data` is a
//   real Kubernetes field). Array elements are addressed by index: `subnets.0.id`.
// - There are no filters, conditionals or escapes: anything richer belongs in IaC.
// - Rendering is plain substitution; objects and arrays render as JSON, a missing value
//   renders as the empty string only under an optional connection that is not linked
//   (the renderer's caller decides, see `renderTemplate`'s `missing` option).
//
// Roots allowed depend on where the template lives:
//   app.env         → params, connections, metadata
//   policy grants   → artifact (the producer's payload), grantee (the consumer principal)

export const APP_ENV_ROOTS = ["params", "connections", "metadata"] as const;

/** Fields of the metadata bag every deployment receives. */
export const METADATA_FIELDS = [
  "name_prefix",
  "default_tags",
  "project",
  "environment",
  "component",
] as const;

/** Fields of the consumer principal a policy can be granted to. */
export const GRANTEE_FIELDS = ["name", "arn", "email", "namespace", "service_account"] as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;
const ANY_BRACES = /\{\{|\}\}/;

export interface TemplateRef {
  /** Full dotted path, e.g. `connections.database.password`. */
  path: string;
  segments: string[];
}

/** Placeholders of a template, in order. Malformed `{{…}}` is reported by `templateSyntaxError`. */
export function templateRefs(template: string): TemplateRef[] {
  const refs: TemplateRef[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const path = match[1] ?? "";
    refs.push({ path, segments: path.split(".") });
  }
  return refs;
}

/** A message when the template has braces that are not well-formed placeholders. */
export function templateSyntaxError(template: string): string | undefined {
  const withoutValid = template.replace(PLACEHOLDER, "");
  if (ANY_BRACES.test(withoutValid)) {
    return `malformed placeholder in "${template}": use {{root.path}} with letters, digits, _ or -`;
  }
  return undefined;
}

export interface RenderOptions {
  /** Called for unresolved paths; return a replacement or throw. Default: throw. */
  missing?: (path: string) => string;
}

/** Substitute every placeholder from `context`. Pure; never logs values (they may be secrets). */
export function renderTemplate(
  template: string,
  context: Record<string, unknown>,
  options: RenderOptions = {},
): string {
  return template.replace(PLACEHOLDER, (_all, path: string) => {
    let value: unknown = context;
    for (const segment of path.split(".")) {
      if (value === null || typeof value !== "object") {
        value = undefined;
        break;
      }
      value = (value as Record<string, unknown>)[segment];
    }
    if (value === undefined) {
      if (options.missing) return options.missing(path);
      throw new Error(`template value missing: ${path}`);
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}
