// Every diagram edit is a list of operations. The canvas applies them locally (optimistic,
// undoable), sends them with the revision they were based on, and the server applies the
// same function to its copy before writing: a batch that breaks a rule is refused whole.
import { buildGraphIndex, canConnect, type GraphIndex } from "./connect";
import { checkInstance, checkRemoval, type InstanceRules } from "./instance-rules";
import { checkChoices, checkOffered, copyLink, withChoice, type PoliciesOf } from "./link-policies";
import { failOp as fail } from "./op-error";
import {
  bundleRef,
  type Diagram,
  type DiagramComponent,
  type DiagramLink,
  type InstanceConfig,
  type SlotCatalog,
} from "./types";

export type Op =
  | {
      op: "addComponent";
      component: DiagramComponent;
      instances?: Record<string, InstanceConfig>;
      /**
       * A duplicate: every environment's configuration not named in `instances` is copied from
       * this component (same bundle) when the op is applied, so a canvas holding only some
       * environments still duplicates all of them.
       */
      copyInstancesOf?: string;
    }
  | { op: "updateComponent"; id: string; name?: string; x?: number; y?: number; version?: string }
  | { op: "removeComponent"; id: string }
  /** A link, with the policies it was drawn with and any per-environment choices it brings back. */
  | { op: "addLink"; link: DiagramLink }
  | { op: "removeLink"; id: string }
  /** A component's configuration in one environment: params and preset, nothing else. */
  | { op: "setInstance"; component: string; environment: string; config: InstanceConfig }
  /** The policies a link grants in one environment; null drops the choice (drawn ones apply). */
  | { op: "setLinkPolicy"; link: string; environment: string; policies: string[] | null };

/** Whether an operation can change which links fit (moves, params and policy choices cannot). */
export function changesStructure(o: Op): boolean {
  return (
    o.op !== "setInstance" &&
    o.op !== "setLinkPolicy" &&
    !(o.op === "updateComponent" && o.name === undefined && o.version === undefined)
  );
}

/** Component names: they become part of cloud resource names (`name_prefix`). */
export const COMPONENT_NAME_PATTERN = /^[a-z](?:[a-z0-9-]{0,18}[a-z0-9])?$/;
export const COMPONENT_NAME_RULE =
  "must be 1–20 lowercase letters, digits or dashes, starting with a letter and not ending with a dash";

export interface ApplyContext extends InstanceRules {
  catalog: SlotCatalog;
  /** Policies the producer's artifact type offers, least privileged first. */
  policiesOf?: PoliciesOf;
}

function checkName(d: Diagram, i: number, id: string, name: string) {
  if (!COMPONENT_NAME_PATTERN.test(name)) fail(i, "name", COMPONENT_NAME_RULE);
  if (d.components.some((c) => c.name === name && c.id !== id))
    fail(i, "name", `"${name}" is already used by another component of this project`);
}

/** The artifact type a link carries, from its producer's bundle version. */
function linkType(index: GraphIndex, link: DiagramLink): string | undefined {
  return index.slots.get(link.from)?.outputs.get(link.fromArtifact)?.type;
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

/** The configurations an added component copies from `copyInstancesOf` (none without it). */
function copiedInstances(
  d: Diagram,
  i: number,
  o: Extract<Op, { op: "addComponent" }>,
): Record<string, InstanceConfig> {
  if (o.copyInstancesOf === undefined) return {};
  const source = d.components.find((x) => x.id === o.copyInstancesOf);
  if (!source) fail(i, "copyInstancesOf", "is not a component of this diagram");
  if (source.bundle !== o.component.bundle)
    fail(i, "copyInstancesOf", `is a ${source.bundle}, not a ${o.component.bundle}`);
  return structuredClone(d.instances[source.id] ?? {});
}

/** Applies `ops` in order to a copy of `diagram`; throws AppError naming the first bad op. */
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
          Object.entries({ ...copiedInstances(d, i, o), ...o.instances }).map(([env, config]) => [
            env,
            checkInstance(ctx, i, c, env, config),
          ]),
        );
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
        checkOffered(ctx.policiesOf, i, "link.policies", verdict.type, l.policies, true);
        // Choices a link brings back (an undone deletion) must fit the link as drawn now.
        checkChoices(ctx.policiesOf, ctx.environments, i, verdict.type, l);
        d.links.push(copyLink(l));
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
        d.instances[c.id] = { ...d.instances[c.id], [o.environment]: config };
        break;
      }
      case "setLinkPolicy": {
        const at = d.links.findIndex((x) => x.id === o.link);
        if (at < 0) fail(i, "link", "is not a line of this diagram");
        if (!ctx.environments.includes(o.environment))
          fail(i, "environment", "is not an environment of this project");
        const link = d.links[at]!;
        if (o.policies !== null)
          checkOffered(ctx.policiesOf, i, "policies", linkType(graph(), link), o.policies);
        d.links[at] = withChoice(link, o.environment, o.policies);
        break;
      }
    }
    if (changesStructure(o)) index = null;
  });
  return d;
}

/**
 * The operations that undo `ops` when applied after them, computed against the diagram as
 * it was before `ops`. Removing a component also brings back its links and its
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
      case "setLinkPolicy": {
        const link = d.links.find((x) => x.id === o.link);
        if (link)
          inverse.push({
            op: "setLinkPolicy",
            link: o.link,
            environment: o.environment,
            policies: link.policiesIn?.[o.environment] ?? null,
          });
        break;
      }
    }
    d = applyOps(d, [o], { ...ctx, validateParams: undefined, presets: undefined });
  }
  return inverse.reverse();
}
