// The difference between two versions of one Terraform state (format 4): resources added,
// removed or changed, with each attribute path's value before → after, and outputs likewise.
// Sensitive values never leave masked form: attributes under a resource instance's
// `sensitive_attributes` paths, and outputs marked `sensitive: true`.

export const MASK = "(sensitive)";

interface AttributeChange {
  /** Dotted path inside the resource instance, e.g. `input.flags.beta` or `tags[0]`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

interface StateResourceChange {
  /** Terraform's address, e.g. `module.net.terraform_data.vpc["a"]`. */
  address: string;
  change: "added" | "removed" | "changed";
  attributes: AttributeChange[];
}

interface StateOutputChange {
  name: string;
  change: "added" | "removed" | "changed";
  sensitive: boolean;
  before?: unknown;
  after?: unknown;
}

export interface StateDiff {
  resources: StateResourceChange[];
  outputs: StateOutputChange[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as stored (compared) and as shown (masked when sensitive). */
interface Leaf {
  raw: unknown;
  shown: unknown;
}

/** A dynamically typed attribute (`terraform_data.input`) is stored as `{value, type}`. */
const isDynamic = (v: unknown): v is { value: unknown; type: unknown } =>
  isObject(v) && Object.keys(v).length === 2 && "value" in v && "type" in v;

/**
 * One resource instance's attributes flattened to leaf paths, sensitive leaves masked: those under
 * a `sensitive_attributes` path, and — because Terraform marks only where a sensitive value
 * entered (`input`, not the `output` that echoes it) — any other leaf holding one of their values.
 */
function leaves(instance: Json): Map<string, Leaf> {
  const sensitive = sensitivePaths(instance.sensitive_attributes);
  const under = (path: string) =>
    sensitive.some(
      (s) => s === "" || path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`),
    );
  const found: [string, unknown, boolean][] = [];
  const walk = (value: unknown, path: string) => {
    if (isDynamic(value)) return walk(value.value, path);
    if (isObject(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (Array.isArray(value) && value.length > 0) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`);
    } else if (path) found.push([path, value, under(path)]);
  };
  walk(isObject(instance.attributes) ? instance.attributes : {}, "");
  const secrets = new Set(
    found
      .filter(([, v, s]) => s && v !== null && v !== "" && typeof v !== "boolean")
      .map(([, v]) => JSON.stringify(v)),
  );
  return new Map(
    found.map(([path, v, s]) => [
      path,
      { raw: v, shown: s || secrets.has(JSON.stringify(v)) ? MASK : v },
    ]),
  );
}

/** `sensitive_attributes` paths (`[{type: "get_attr", value: "input"}, …]`) as dotted paths. */
function sensitivePaths(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const paths: string[] = [];
  for (const steps of raw) {
    if (!Array.isArray(steps)) continue;
    let path = "";
    for (const step of steps) {
      if (!isObject(step)) continue;
      if (step.type === "get_attr")
        path = path ? `${path}.${String(step.value)}` : String(step.value);
      else if (typeof step.value === "number") path = `${path}[${step.value}]`;
      else path = `${path}.${String(step.value)}`;
    }
    // An empty path marks the whole instance: mask everything.
    paths.push(path);
  }
  return paths;
}

function address(resource: Json, instance: Json): string {
  const key = instance.index_key;
  const index =
    key === undefined ? "" : typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
  const prefix =
    typeof resource.module === "string" && resource.module ? `${resource.module}.` : "";
  const data = resource.mode === "data" ? "data." : "";
  return `${prefix}${data}${String(resource.type)}.${String(resource.name)}${index}`;
}

function instances(state: Json): Map<string, Map<string, Leaf>> {
  const out = new Map<string, Map<string, Leaf>>();
  for (const resource of Array.isArray(state.resources) ? state.resources : []) {
    if (!isObject(resource)) continue;
    for (const instance of Array.isArray(resource.instances) ? resource.instances : [])
      if (isObject(instance)) out.set(address(resource, instance), leaves(instance));
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function attributeChanges(before: Map<string, Leaf>, after: Map<string, Leaf>) {
  const changes: AttributeChange[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const had = before.has(path);
    const has = after.has(path);
    const b = before.get(path);
    const a = after.get(path);
    if (had && has && same(a?.raw, b?.raw)) continue;
    changes.push({ path, ...(b ? { before: b.shown } : {}), ...(a ? { after: a.shown } : {}) });
  }
  return changes;
}

function outputs(state: Json): Map<string, Leaf & { sensitive: boolean }> {
  const out = new Map<string, Leaf & { sensitive: boolean }>();
  if (!isObject(state.outputs)) return out;
  for (const [name, o] of Object.entries(state.outputs)) {
    if (!isObject(o)) continue;
    const sensitive = o.sensitive === true;
    out.set(name, { raw: o.value, shown: sensitive ? MASK : o.value, sensitive });
  }
  return out;
}

/** What changed from `before` to `after` (either may be null: no state yet). */
export function diffStates(before: Json | null, after: Json | null): StateDiff {
  const left = instances(before ?? {});
  const right = instances(after ?? {});
  const resources: StateResourceChange[] = [];
  for (const addr of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const b = left.get(addr);
    const a = right.get(addr);
    const attributes = attributeChanges(b ?? new Map(), a ?? new Map());
    if (b && a && attributes.length === 0) continue;
    resources.push({
      address: addr,
      change: !b ? "added" : !a ? "removed" : "changed",
      attributes,
    });
  }
  const lo = outputs(before ?? {});
  const ro = outputs(after ?? {});
  const outs: StateOutputChange[] = [];
  for (const name of [...new Set([...lo.keys(), ...ro.keys()])].sort()) {
    const b = lo.get(name);
    const a = ro.get(name);
    if (b && a && same(a.raw, b.raw) && a.sensitive === b.sensitive) continue;
    outs.push({
      name,
      change: !b ? "added" : !a ? "removed" : "changed",
      sensitive: Boolean(b?.sensitive || a?.sensitive),
      ...(b ? { before: b.shown } : {}),
      ...(a ? { after: a.shown } : {}),
    });
  }
  return { resources, outputs: outs };
}
