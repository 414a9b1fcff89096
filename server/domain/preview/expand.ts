// `${VAR}` in a preview file's params and tags, and its secrets' `fromEnv`, filled from the
// pipeline's environment. An unset variable is refused naming where it is used: a preview
// built with an empty domain name or password is worse than none.
import type { PreviewSpec } from "./spec";

/** A component's overrides with every value known: what the server converges on. */
interface ExpandedComponent {
  params: Record<string, unknown>;
  secrets: { name: string; value: string }[];
}

export type ExpandedSpec = Omit<PreviewSpec, "components"> & {
  components: Record<string, ExpandedComponent>;
};

export interface UnsetVariable {
  path: string;
  variable: string;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

function expandValue(
  value: unknown,
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  unset: UnsetVariable[],
): unknown {
  if (typeof value === "string") {
    // A value that is one reference takes the variable's type as YAML would read it: a port or
    // a replica count from the pipeline is a number, not a string.
    const whole = WHOLE.exec(value);
    if (whole) {
      const v = env[whole[1]!];
      if (v === undefined) {
        unset.push({ path, variable: whole[1]! });
        return "";
      }
      return NUMBER.test(v) ? Number(v) : v === "true" ? true : v === "false" ? false : v;
    }
    return value.replace(REFERENCE, (_, name: string) => {
      const v = env[name];
      if (v === undefined) unset.push({ path, variable: name });
      return v ?? "";
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expandValue(v, `${path}[${i}]`, env, unset));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expandValue(v, `${path}.${k}`, env, unset)]),
    );
  return value;
}

/** The spec with variables filled, or every unset variable with the path that uses it. */
export function expandPreview(
  spec: PreviewSpec,
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; spec: ExpandedSpec } | { ok: false; unset: UnsetVariable[] } {
  const unset: UnsetVariable[] = [];
  const tags = expandValue(spec.tags, "tags", env, unset) as Record<string, string>;
  const components: Record<string, ExpandedComponent> = {};
  for (const [name, c] of Object.entries(spec.components)) {
    const path = `components.${name}`;
    const params = expandValue(c.params, `${path}.params`, env, unset) as Record<string, unknown>;
    const secrets = c.secrets.map((s) => {
      if (s.fromEnv === undefined) return { name: s.name, value: s.value ?? "" };
      const value = env[s.fromEnv];
      if (value === undefined)
        unset.push({ path: `${path}.secrets.${s.name}`, variable: s.fromEnv });
      return { name: s.name, value: value ?? "" };
    });
    components[name] = { params, secrets };
  }
  return unset.length > 0
    ? { ok: false, unset }
    : { ok: true, spec: { ...spec, tags, components } };
}
