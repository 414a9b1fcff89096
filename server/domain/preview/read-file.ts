// Reads a parsed preview file — Patchbay's format or Massdriver's `preview.yaml` — into a
// `PreviewSpec` with warnings. Both share `project`, `baseEnvironment`, `copySecrets`,
// `copyEnvironmentDefaults` and per-component `params`; components sit under `components`
// (Patchbay) or `instances` (Massdriver). What Massdriver has and Patchbay does not (`version`
// per instance, `copyRemoteReferences`, a default's `resourceId`) is a warning saying so; an
// unknown key is a warning naming it; a wrong shape is an error naming its path.
import {
  MAX_TTL_HOURS,
  type PreviewComponent,
  type PreviewDefault,
  type PreviewSecret,
  type PreviewSpec,
  type PreviewWarning,
  parseTtl,
} from "./spec";

interface PreviewFileProblem {
  path: string;
  message: string;
}

export type ReadPreviewResult =
  | { ok: true; spec: PreviewSpec; warnings: PreviewWarning[] }
  | { ok: false; problems: PreviewFileProblem[]; warnings: PreviewWarning[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const TOP = new Set([
  "project",
  "baseEnvironment",
  "ttl",
  "copySecrets",
  "copyEnvironmentDefaults",
  "copyRemoteReferences",
  "attributes",
  "tags",
  "environmentDefaults",
  "components",
  "instances",
]);
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Reader {
  readonly problems: PreviewFileProblem[] = [];
  readonly warnings: PreviewWarning[] = [];
  problem(path: string, message: string) {
    this.problems.push({ path, message });
  }
  warn(path: string, message: string) {
    this.warnings.push({ path, message });
  }
  text(doc: Obj, key: string, required: boolean): string {
    const v = doc[key];
    if (v === undefined || v === null) {
      if (required) this.problem(key, "is required");
      return "";
    }
    if (typeof v !== "string" || v.trim() === "") {
      this.problem(key, "must be a non-empty string");
      return "";
    }
    return v.trim();
  }
  flag(doc: Obj, key: string): boolean {
    const v = doc[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== "boolean") this.problem(key, "must be true or false");
    return v === true;
  }
}

function readTags(r: Reader, doc: Obj): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const key of ["tags", "attributes"]) {
    const v = doc[key];
    if (v === undefined || v === null) continue;
    if (!isObj(v)) {
      r.problem(key, "must be a map of names to strings");
      continue;
    }
    for (const [k, value] of Object.entries(v)) {
      if (typeof value === "string") tags[k] = value;
      else r.problem(`${key}.${k}`, "must be a string");
    }
  }
  return tags;
}

function readDefaults(r: Reader, v: unknown): PreviewDefault[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.problem("environmentDefaults", "must be a list");
    return [];
  }
  const out: PreviewDefault[] = [];
  for (const [i, entry] of v.entries()) {
    const path = `environmentDefaults[${i}]`;
    if (!isObj(entry)) {
      r.problem(path, "must be a map with a type");
      continue;
    }
    const type = entry.type ?? entry.resourceType;
    if (typeof type !== "string" || type === "") {
      r.problem(`${path}.type`, "is required (an artifact type, e.g. kubernetes-cluster)");
      continue;
    }
    if (entry.resourceId !== undefined)
      r.warn(
        `${path}.resourceId`,
        `names a Massdriver resource; Patchbay copies the ${type} default of the environment named by "from" (the base environment when absent)`,
      );
    if (entry.from !== undefined && typeof entry.from !== "string") {
      r.problem(`${path}.from`, "must be an environment slug");
      continue;
    }
    for (const key of Object.keys(entry))
      if (!["type", "resourceType", "resourceId", "from"].includes(key))
        r.warn(`${path}.${key}`, "unknown key, ignored");
    out.push({ type, ...(typeof entry.from === "string" ? { from: entry.from } : {}) });
  }
  return out;
}

function readSecrets(r: Reader, path: string, v: unknown): PreviewSecret[] {
  if (v === undefined || v === null) return [];
  // `{ NAME: { fromEnv: VAR } }` or `{ NAME: VAR }` (Patchbay), `[{ name, value }]` (Massdriver).
  const entries: [string, unknown][] = Array.isArray(v)
    ? v.map((e, i) => [isObj(e) && typeof e.name === "string" ? e.name : `#${i}`, e])
    : isObj(v)
      ? Object.entries(v).map(([name, e]) => [name, typeof e === "string" ? { fromEnv: e } : e])
      : [];
  if (!Array.isArray(v) && !isObj(v)) r.problem(path, "must be a map or a list of secrets");
  const out: PreviewSecret[] = [];
  for (const [name, e] of entries) {
    const at = `${path}.${name}`;
    if (!SECRET_NAME.test(name) || !isObj(e)) {
      r.problem(at, "must name a secret with fromEnv (or name and value)");
      continue;
    }
    if (typeof e.fromEnv === "string" && e.fromEnv !== "") out.push({ name, fromEnv: e.fromEnv });
    else if (typeof e.value === "string") {
      r.warn(
        `${at}.value`,
        "a secret written in the file is committed with your repository; prefer fromEnv: VARIABLE",
      );
      out.push({ name, value: e.value });
    } else r.problem(at, "needs fromEnv: VARIABLE (or a value)");
  }
  return out;
}

function readComponents(r: Reader, doc: Obj): Record<string, PreviewComponent> {
  const key = doc.components !== undefined ? "components" : "instances";
  if (doc.components !== undefined && doc.instances !== undefined)
    r.problem("instances", "give components or instances, not both");
  const v = doc[key];
  const out: Record<string, PreviewComponent> = {};
  if (v === undefined || v === null) return out;
  if (!isObj(v)) {
    r.problem(key, "must be a map of component names");
    return out;
  }
  for (const [name, entry] of Object.entries(v)) {
    const path = `${key}.${name}`;
    if (entry === null || entry === undefined) {
      out[name] = { params: {}, secrets: [] };
      continue;
    }
    if (!isObj(entry)) {
      r.problem(path, "must be a map with params and secrets");
      continue;
    }
    if (entry.params !== undefined && !isObj(entry.params))
      r.problem(`${path}.params`, "must be a map of param names to values");
    if (entry.version !== undefined)
      r.warn(
        `${path}.version`,
        "maps to nothing in Patchbay: a component's bundle version is the diagram's, the same in every environment",
      );
    for (const k of Object.keys(entry))
      if (!["params", "secrets", "version"].includes(k))
        r.warn(`${path}.${k}`, "unknown key, ignored");
    out[name] = {
      params: isObj(entry.params) ? entry.params : {},
      secrets: readSecrets(r, `${path}.secrets`, entry.secrets),
    };
  }
  return out;
}

/** Reads a parsed preview document (YAML or JSON) into a spec, or the problems that stop it. */
export function readPreviewFile(doc: unknown): ReadPreviewResult {
  const r = new Reader();
  if (!isObj(doc))
    return { ok: false, problems: [{ path: "", message: "must be a map" }], warnings: [] };
  for (const key of Object.keys(doc)) if (!TOP.has(key)) r.warn(key, "unknown key, ignored");
  if (doc.copyRemoteReferences === true)
    r.warn(
      "copyRemoteReferences",
      "maps to nothing in Patchbay yet: environments hold no remote references",
    );
  let ttlHours: number | undefined;
  if (doc.ttl !== undefined) {
    const hours = parseTtl(doc.ttl);
    if (hours === null || hours < 1 || hours > MAX_TTL_HOURS)
      r.problem("ttl", `must be a duration such as 72h or 3d, at most ${MAX_TTL_HOURS / 24}d`);
    else ttlHours = hours;
  }
  const spec: PreviewSpec = {
    project: r.text(doc, "project", true),
    baseEnvironment: r.text(doc, "baseEnvironment", true),
    ...(ttlHours === undefined ? {} : { ttlHours }),
    copySecrets: r.flag(doc, "copySecrets"),
    copyEnvironmentDefaults: r.flag(doc, "copyEnvironmentDefaults"),
    environmentDefaults: readDefaults(r, doc.environmentDefaults),
    tags: readTags(r, doc),
    components: readComponents(r, doc),
  };
  r.flag(doc, "copyRemoteReferences");
  return r.problems.length > 0
    ? { ok: false, problems: r.problems, warnings: r.warnings }
    : { ok: true, spec, warnings: r.warnings };
}
