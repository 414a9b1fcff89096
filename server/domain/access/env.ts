// The runtime environment of an application bundle: its `app.env` templates evaluated over
// params, connections and metadata, with where every value came from and whether it is a
// secret. Values are returned as computed; masking is the caller's job (see redact.ts).
import { renderTemplate, templateRefs } from "../catalog/template";
import type { AppDefinition } from "../catalog/types";
import type { MetadataBag } from "./metadata";
import { touchesSensitive } from "./sensitive";

type EnvSource =
  | { kind: "param"; path: string }
  | { kind: "metadata"; path: string }
  | {
      kind: "connection";
      path: string;
      slot: string;
      linkId?: string;
      environmentDefault?: string;
      remoteReference?: string;
    };

export interface EnvVar {
  name: string;
  /**
   * Null while it depends on a field not known yet (an undeployed upstream, a required slot without
   * a line).
   */
  value: string | null;
  /** True when it includes a sensitive payload field: show it masked. */
  sensitive: boolean;
  sources: EnvSource[];
}

/** What one slot contributes to env templates. `payload: null` means nothing is linked. */
export interface EnvConnection {
  payload: Record<string, unknown> | null;
  unknown: readonly string[];
  sensitivePaths: readonly string[];
  required: boolean;
  linkId?: string;
  environmentDefault?: string;
  /** Where a remote reference's value comes from. */
  remoteReference?: string;
}

export interface EnvInput {
  app: AppDefinition | undefined;
  params: Record<string, unknown>;
  connections: Record<string, EnvConnection>;
  metadata: MetadataBag;
}

function sourceOf(
  segments: string[],
  path: string,
  connections: EnvInput["connections"],
): EnvSource {
  const [root, slot = ""] = segments;
  if (root === "params") return { kind: "param", path: segments.slice(1).join(".") };
  if (root === "metadata") return { kind: "metadata", path: segments.slice(1).join(".") };
  const c = connections[slot];
  return {
    kind: "connection",
    path,
    slot,
    ...(c?.linkId ? { linkId: c.linkId } : {}),
    ...(c?.environmentDefault ? { environmentDefault: c.environmentDefault } : {}),
    ...(c?.remoteReference ? { remoteReference: c.remoteReference } : {}),
  };
}

/** Evaluate every `app.env` template. Bundles without an `app` block get none. */
export function renderEnv({ app, params, connections, metadata }: EnvInput): EnvVar[] {
  if (!app) return [];
  const context = {
    params,
    metadata,
    connections: Object.fromEntries(Object.entries(connections).map(([k, c]) => [k, c.payload])),
  };
  return Object.entries(app.env).map(([name, template]) => {
    let unknown = false;
    let sensitive = false;
    const refs = templateRefs(template);
    for (const ref of refs) {
      const [root, slot, ...field] = ref.segments;
      if (root !== "connections") continue;
      const c = connections[slot!];
      if (!c?.payload) {
        // An optional slot without a line renders empty; a required one is not known yet.
        if (!c || c.required) unknown = true;
        continue;
      }
      if (field.length > 0 && c.unknown.includes(field[0]!)) unknown = true;
      if (touchesSensitive(c.sensitivePaths, field)) sensitive = true;
    }
    // Absent optional fields (a queue without a KMS key, an empty param) render empty,
    // as the IaC sees them: `null` is reserved for "not known yet".
    const value = unknown ? null : renderTemplate(template, context, { missing: () => "" });
    return {
      name,
      value,
      sensitive,
      sources: refs.map((r) => sourceOf(r.segments, r.path, connections)),
    };
  });
}

export interface SecretStatus {
  name: string;
  title: string;
  required: boolean;
  description?: string;
  set: boolean;
}

/** The bundle's declared secrets and whether each is set. Values never enter the domain. */
export function secretStatus(
  app: AppDefinition | undefined,
  setNames: Iterable<string>,
): SecretStatus[] {
  if (!app) return [];
  const set = new Set(setNames);
  return Object.entries(app.secrets).map(([name, d]) => ({
    name,
    title: d.title,
    required: d.required,
    ...(d.description ? { description: d.description } : {}),
    set: set.has(name),
  }));
}
