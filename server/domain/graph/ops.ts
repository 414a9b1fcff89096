// Every diagram edit is a list of operations. The canvas applies them locally (optimistic,
// undoable), sends them with the revision they were based on, and the server applies the
// same function to its copy before writing: a batch that breaks a rule is refused whole.
import { AppError } from "../errors";
import { environmentRefusal, repinRefusal } from "../presets/pin-rules";
import { checkParams } from "../presets/rules";
import type { EnvironmentRef, PresetVersionRules } from "../presets/types";
import type { Role } from "../roles";
import { buildGraphIndex, canConnect, type GraphIndex } from "./connect";
import {
  bundleRef,
  type Diagram,
  type DiagramComponent,
  type DiagramLink,
  type InstanceConfig,
  type SlotCatalog,
} from "./types";

export type Op =
  | { op: "addComponent"; component: DiagramComponent; instances?: Record<string, InstanceConfig> }
  | { op: "updateComponent"; id: string; name?: string; x?: number; y?: number; version?: string }
  | { op: "removeComponent"; id: string }
  | { op: "addLink"; link: DiagramLink }
  | { op: "removeLink"; id: string }
  | { op: "setInstance"; component: string; environment: string; config: InstanceConfig };

/** Whether an operation can change which lines fit (moves and params cannot). */
export function changesStructure(o: Op): boolean {
  return (
    o.op !== "setInstance" &&
    !(o.op === "updateComponent" && o.name === undefined && o.version === undefined)
  );
}

/** Component names: they become part of cloud resource names (`name_prefix`). */
export const COMPONENT_NAME_PATTERN = /^[a-z](?:[a-z0-9-]{0,18}[a-z0-9])?$/;
export const COMPONENT_NAME_RULE =
  "must be 1–20 lowercase letters, digits or dashes, starting with a letter and not ending with a dash";

export interface ApplyContext {
  catalog: SlotCatalog;
  /** Ids of the project's environments: instances may only be set for these. */
  environments: readonly string[];
  /** Checks params against the bundle version's schema; `path` is dotted (`storage.size`). */
  validateParams?: (
    bundle: string,
    version: string,
    params: Record<string, unknown>,
  ) => { path: string; message: string }[];
  /** Published presets and the guardrails around them; when given, every instance write is checked against them. */
  presets?: PresetLookup;
  /** Policies the producer's artifact type offers, least privileged first. */
  policiesOf?: (type: string) => readonly string[] | undefined;
}

export interface PresetLookup {
  /** A published version of a bundle's preset (the newest when `version` is absent), or null. */
  find: (bundle: string, name: string, version?: number) => PresetVersionRules | null;
  /** Slug and class of a project environment, for the allowed-environments rule. */
  environment: (id: string) => EnvironmentRef | undefined;
  /** Organization guardrail: production instances must use a preset allowed in production. */
  requireProductionPresets: boolean;
  /** The caller's role: moving an instance off a preset that binds it is for ops and owners. */
  role: Role;
}

function fail(index: number, field: string, message: string): never {
  const path = `ops.${index}.${field}`;
  throw new AppError("BAD_REQUEST", `${path}: ${message}`, {
    fields: { [path]: [message] },
    op: index,
  });
}

function checkName(d: Diagram, i: number, id: string, name: string) {
  if (!COMPONENT_NAME_PATTERN.test(name)) fail(i, "name", COMPONENT_NAME_RULE);
  if (d.components.some((c) => c.name === name && c.id !== id))
    fail(i, "name", `"${name}" is already used by another component of this project`);
}

/** The artifact type a line carries, from its producer's bundle version. */
function lineType(index: GraphIndex, link: DiagramLink): string | undefined {
  return index.slots.get(link.from)?.outputs.get(link.fromArtifact)?.type;
}

/** `[]` on a line means "the least privileged policy"; a per-environment choice must name one. */
function checkOffered(
  ctx: ApplyContext,
  i: number,
  field: string,
  type: string | undefined,
  ids: readonly string[],
  allowEmpty = false,
) {
  const offered = type ? ctx.policiesOf?.(type) : undefined;
  if (ids.length === 0 && !allowEmpty && offered?.length)
    fail(i, field, `choose at least one policy (${offered.join(", ")})`);
  const unknown = offered ? ids.find((p) => !offered.includes(p)) : undefined;
  if (unknown !== undefined)
    fail(i, field, `"${unknown}" is not a policy ${type} offers (${offered!.join(", ")})`);
}

function checkLinePolicies(
  ctx: ApplyContext,
  d: Diagram,
  index: () => GraphIndex,
  i: number,
  component: DiagramComponent,
  config: InstanceConfig,
) {
  for (const [linkId, ids] of Object.entries(config.policies ?? {})) {
    const link = d.links.find((l) => l.id === linkId);
    if (!link) continue; // not on the diagram (yet, or any more): grants nothing
    if (link.to !== component.id)
      fail(i, `policies.${linkId}`, "is not a line into this component");
    checkOffered(ctx, i, `policies.${linkId}`, lineType(index(), link), ids);
  }
}

/** The version an existing instance is pinned to, or null (custom values, or a preset no longer published). */
function pinnedTo(
  lookup: PresetLookup,
  component: DiagramComponent,
  config: InstanceConfig | undefined,
): PresetVersionRules | null {
  return config?.preset ? lookup.find(component.bundle, config.preset, config.presetVersion) : null;
}

/**
 * The preset rules of one instance write, against the instance's `previous` config (none for
 * a new instance); returns the config with its pinned version filled in.
 */
function checkPreset(
  lookup: PresetLookup,
  i: number,
  component: DiagramComponent,
  environment: string,
  config: InstanceConfig,
  previous: InstanceConfig | undefined,
): InstanceConfig {
  const env = lookup.environment(environment);
  const version =
    config.preset === null
      ? null
      : lookup.find(component.bundle, config.preset, config.presetVersion);
  if (config.preset !== null && !version) {
    const which =
      config.presetVersion === undefined
        ? `"${config.preset}"`
        : `"${config.preset}" v${config.presetVersion}`;
    fail(i, "preset", `${which} is not a published preset of ${component.bundle}`);
  }
  const current = pinnedTo(lookup, component, previous);
  const moved = repinRefusal({
    component: component.name,
    current,
    next: config,
    nextVersion: version?.version,
    role: lookup.role,
  });
  if (moved) fail(i, "preset", moved);
  const refused = environmentRefusal(version, env, lookup.requireProductionPresets);
  if (refused) fail(i, "preset", refused);
  if (!version) {
    const { presetVersion: _none, ...rest } = config;
    return rest;
  }
  const [violation] = checkParams(config.params, version);
  if (violation) fail(i, `params.${violation.path}`, violation.message);
  return { ...config, presetVersion: version.version };
}

/** Removing a component removes its instances: refused like moving them off a binding preset. */
function checkRemoval(
  lookup: PresetLookup,
  i: number,
  component: DiagramComponent,
  instances: Record<string, InstanceConfig> | undefined,
) {
  for (const [environment, config] of Object.entries(instances ?? {})) {
    const current = pinnedTo(lookup, component, config);
    const refused = repinRefusal({
      component: component.name,
      current,
      next: null,
      role: lookup.role,
      environment: lookup.environment(environment)?.slug ?? environment,
    });
    if (refused) fail(i, "id", refused);
  }
}

function checkInstance(
  ctx: ApplyContext,
  i: number,
  component: DiagramComponent,
  environment: string,
  config: InstanceConfig,
  previous?: InstanceConfig,
): InstanceConfig {
  if (!ctx.environments.includes(environment))
    fail(i, "environment", "is not an environment of this project");
  const checked = ctx.presets
    ? checkPreset(ctx.presets, i, component, environment, config, previous)
    : config;
  const [problem] = ctx.validateParams?.(component.bundle, component.version, config.params) ?? [];
  if (problem) fail(i, `params.${problem.path}`, problem.message);
  return checked;
}

function checkPosition(i: number, x: number | undefined, y: number | undefined) {
  for (const [field, v] of [
    ["x", x],
    ["y", y],
  ] as const) {
    if (v !== undefined && (!Number.isFinite(v) || Math.abs(v) > 1e6))
      fail(i, field, "must be a finite coordinate within ±1,000,000");
  }
}

/** Applies `ops` in order to a copy of `diagram`; throws AppError naming the first bad op and field. */
export function applyOps(diagram: Diagram, ops: readonly Op[], ctx: ApplyContext): Diagram {
  const d: Diagram = {
    components: [...diagram.components],
    links: [...diagram.links],
    instances: { ...diagram.instances },
  };
  let index: GraphIndex | null = null;
  const graph = () => (index ??= buildGraphIndex(d, ctx.catalog));
  ops.forEach((o, i) => {
    switch (o.op) {
      case "addComponent": {
        const c = o.component;
        if (d.components.some((x) => x.id === c.id))
          fail(i, "component.id", "is already on the diagram");
        if (!ctx.catalog.bundles.has(bundleRef(c.bundle, c.version)))
          fail(i, "component.bundle", `${c.bundle}@${c.version} is not in the catalog`);
        checkName(d, i, c.id, c.name);
        checkPosition(i, c.x, c.y);
        const instances = Object.fromEntries(
          Object.entries(o.instances ?? {}).map(([env, config]) => [
            env,
            checkInstance(ctx, i, c, env, config),
          ]),
        );
        // Lines into a new component can only follow it, so its policy choices are checked then.
        d.components.push({ ...c });
        d.instances[c.id] = instances;
        break;
      }
      case "updateComponent": {
        const at = d.components.findIndex((x) => x.id === o.id);
        if (at < 0) fail(i, "id", "is not a component of this diagram");
        const current = d.components[at]!;
        if (o.name !== undefined) checkName(d, i, o.id, o.name);
        checkPosition(i, o.x, o.y);
        if (
          o.version !== undefined &&
          !ctx.catalog.bundles.has(bundleRef(current.bundle, o.version))
        ) {
          fail(i, "version", `${current.bundle}@${o.version} is not in the catalog`);
        }
        const next = { ...current };
        if (o.name !== undefined) next.name = o.name;
        if (o.x !== undefined) next.x = o.x;
        if (o.y !== undefined) next.y = o.y;
        if (o.version !== undefined) next.version = o.version;
        d.components[at] = next;
        break;
      }
      case "removeComponent": {
        const removed = d.components.find((x) => x.id === o.id);
        if (!removed) fail(i, "id", "is not a component of this diagram");
        if (ctx.presets) checkRemoval(ctx.presets, i, removed, d.instances[o.id]);
        d.components = d.components.filter((x) => x.id !== o.id);
        d.links = d.links.filter((l) => l.from !== o.id && l.to !== o.id);
        const { [o.id]: _removed, ...rest } = d.instances;
        d.instances = rest;
        break;
      }
      case "addLink": {
        const l = o.link;
        if (d.links.some((x) => x.id === l.id)) fail(i, "link.id", "is already on the diagram");
        const verdict = canConnect(graph(), {
          source: l.from,
          sourceHandle: l.fromArtifact,
          target: l.to,
          targetHandle: l.toSlot,
        });
        if (!verdict.ok) fail(i, "link", verdict.reason);
        checkOffered(ctx, i, "link.policies", verdict.type, l.policies, true);
        // Choices kept for this line id (an undone deletion) must fit the line as drawn now.
        for (const config of Object.values(d.instances[l.to] ?? {})) {
          const kept = config.policies?.[l.id];
          if (kept) checkOffered(ctx, i, "link.policies", verdict.type, kept);
        }
        d.links.push({ ...l, policies: [...l.policies] });
        break;
      }
      case "removeLink": {
        if (!d.links.some((x) => x.id === o.id)) fail(i, "id", "is not a line of this diagram");
        d.links = d.links.filter((x) => x.id !== o.id);
        break;
      }
      case "setInstance": {
        const c = d.components.find((x) => x.id === o.component);
        if (!c) fail(i, "component", "is not a component of this diagram");
        const config = checkInstance(
          ctx,
          i,
          c,
          o.environment,
          o.config,
          d.instances[c.id]?.[o.environment],
        );
        checkLinePolicies(ctx, d, graph, i, c, config);
        d.instances[c.id] = { ...d.instances[c.id], [o.environment]: config };
        break;
      }
    }
    if (changesStructure(o)) index = null;
  });
  return d;
}

/**
 * The operations that undo `ops` when applied after them, computed against the diagram as
 * it was before `ops`. Removing a component also brings back its lines and its
 * configuration in every environment.
 */
export function invertOps(before: Diagram, ops: readonly Op[], ctx: ApplyContext): Op[] {
  const inverse: Op[] = [];
  let d = before;
  for (const o of ops) {
    switch (o.op) {
      case "addComponent":
        inverse.push({ op: "removeComponent", id: o.component.id });
        break;
      case "updateComponent": {
        const c = d.components.find((x) => x.id === o.id);
        if (c) {
          inverse.push({
            op: "updateComponent",
            id: o.id,
            ...(o.name !== undefined ? { name: c.name } : {}),
            ...(o.x !== undefined ? { x: c.x } : {}),
            ...(o.y !== undefined ? { y: c.y } : {}),
            ...(o.version !== undefined ? { version: c.version } : {}),
          });
        }
        break;
      }
      case "removeComponent": {
        const c = d.components.find((x) => x.id === o.id);
        if (c) {
          const restore: Op[] = [
            { op: "addComponent", component: c, instances: d.instances[c.id] ?? {} },
          ];
          for (const link of d.links)
            if (link.from === c.id || link.to === c.id) restore.push({ op: "addLink", link });
          inverse.push(...restore.reverse());
        }
        break;
      }
      case "addLink":
        inverse.push({ op: "removeLink", id: o.link.id });
        break;
      case "removeLink": {
        const link = d.links.find((x) => x.id === o.id);
        if (link) inverse.push({ op: "addLink", link });
        break;
      }
      case "setInstance": {
        const previous = d.instances[o.component]?.[o.environment];
        if (previous)
          inverse.push({
            op: "setInstance",
            component: o.component,
            environment: o.environment,
            config: previous,
          });
        break;
      }
    }
    d = applyOps(d, [o], { ...ctx, validateParams: undefined, presets: undefined });
  }
  return inverse.reverse();
}
