// Renders policy templates over `artifact` and `grantee`, replacing anything not known yet
// with a visible placeholder and remembering that it did, so the line can be flagged as a
// preview instead of silently granting on a half-rendered resource.
import { renderTemplate, templateRefs } from "../catalog/template";
import { unknownValue, type Grantee } from "./grantee";

export interface GrantRenderer {
  render(template: string): string;
  /** Placeholder paths used so far (`artifact.arn`, `grantee.arn` …), deduplicated. */
  readonly placeholders: string[];
}

const UNKNOWN_MARK = "<unknown: ";

function isPlaceholder(value: string): boolean {
  return value.includes(UNKNOWN_MARK);
}

export function grantRenderer(artifact: Record<string, unknown>, grantee: Grantee): GrantRenderer {
  const placeholders = new Set<string>();
  const context = { artifact, grantee };
  return {
    render(template) {
      const out = renderTemplate(template, context, {
        missing: (path) => {
          placeholders.add(path);
          return unknownValue(path);
        },
      });
      // Grantee fields carry their own placeholders (an unknown AWS account, say).
      for (const ref of templateRefs(template)) {
        const value =
          ref.segments[0] === "grantee" ? grantee[ref.segments[1] as keyof Grantee] : undefined;
        if (value !== undefined && isPlaceholder(value)) placeholders.add(ref.path);
      }
      return out;
    },
    get placeholders() {
      return [...placeholders].sort();
    },
  };
}

/** Render every string inside a JSON value (conditions, Kubernetes rules). */
export function renderDeep<T>(value: T, renderer: GrantRenderer): T {
  if (typeof value === "string") return renderer.render(value) as T;
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, renderer)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, renderDeep(v, renderer)]),
    ) as T;
  }
  return value;
}
