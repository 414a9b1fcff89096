// The inspector's Code tab: the tfvars files a deployment of one instance will receive, built by
// the same `tfvarsFiles` a run writes, with every sensitive value replaced by its name. Fields an
// upstream produces only once it is deployed are named too, so nothing reads as a real value.
import type { InstanceResolution } from "../access/resolve-types";
import { mergeSensitive, splitSensitive, type PayloadObject } from "../access/split-sensitive";
import { pointerSegments, touchesSensitive } from "../access/sensitive";
import { tfvarsConnections, tfvarsFiles, tfvarsText } from "./tfvars";

export interface CodeView {
  files: { name: string; content: string }[];
  /** Sensitive values written by name in `files` (`database.password`), never by value. */
  withheld: string[];
  /** Payload fields known only after their upstream is deployed (`database.hostname`). */
  afterDeployment: string[];
  /** The bundle's secrets (given to the runtime, not to the IaC): name and whether set. */
  secrets: { name: string; title: string; required: boolean; set: boolean }[];
}

const secretMark = (name: string) => `(secret ${name})`;

/** `value` with the fields at `pointers` replaced by `(secret prefix.field)`. */
function named(value: PayloadObject, pointers: readonly string[], prefix: string) {
  const { publicPayload, sensitive } = splitSensitive(value, pointers);
  const names = Object.keys(sensitive).map((p) => [p, `${prefix}.${pointerSegments(p).join(".")}`]);
  return {
    value: mergeSensitive(
      publicPayload,
      Object.fromEntries(names.map(([p, name]) => [p, secretMark(name!)])),
    ),
    names: names.map(([, name]) => name!),
    values: Object.entries(sensitive).map(([p, v]) => ({
      name: `${prefix}.${pointerSegments(p).join(".")}`,
      text: typeof v === "string" ? v : JSON.stringify(v),
    })),
  };
}

/** Every string inside `value` with each secret's text replaced by its name. */
function scrub<T>(value: T, secrets: readonly { name: string; text: string }[]): T {
  if (typeof value === "string")
    return secrets.reduce<string>(
      (s, { name, text }) => (text ? s.split(text).join(secretMark(name)) : s),
      value,
    ) as T;
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)])) as T;
  return value;
}

/**
 * The Code tab of one resolution. `paramSensitive` are the JSON pointers of the bundle's
 * sensitive params. Grants are scrubbed of every secret's text as well (longest first), in case
 * a template ever renders one into a statement.
 */
export function codeView(
  resolution: InstanceResolution,
  paramSensitive: readonly string[],
): CodeView {
  const params = named(resolution.params, paramSensitive, "params");
  const afterDeployment: string[] = [];
  const secrets = [...params.values];
  const withheld = [...params.names];
  const connections = resolution.connections.map((c) => {
    if (!c.payload) return c;
    const n = named(c.payload, c.sensitive, c.slot);
    secrets.push(...n.values);
    withheld.push(...n.names);
    const payload = { ...n.value };
    for (const field of c.unknown) {
      if (touchesSensitive(c.sensitive, [field])) {
        payload[field] = secretMark(`${c.slot}.${field}`);
        withheld.push(`${c.slot}.${field}`);
        continue;
      }
      const from = c.source?.kind === "link" ? c.source.from.name : "its upstream";
      payload[field] = `(known after ${from} is deployed)`;
      afterDeployment.push(`${c.slot}.${field}`);
    }
    return { ...c, payload };
  });
  secrets.sort((a, b) => b.text.length - a.text.length);
  const files = tfvarsFiles({
    params: params.value,
    connections: scrub(tfvarsConnections({ connections, grants: resolution.grants }), secrets),
    metadata: {
      name_prefix: resolution.metadata.name_prefix,
      default_tags: resolution.metadata.default_tags,
    },
  });
  return {
    files: Object.entries(files).map(([name, value]) => ({ name, content: tfvarsText(value) })),
    withheld,
    afterDeployment,
    secrets: resolution.secrets.map(({ name, title, required, set }) => ({
      name,
      title,
      required,
      set,
    })),
  };
}
