// What an audit event says about a batch of diagram operations: a specific action for a
// single operation (component.added, link.removed, instance.configured, link.policies_chosen …)
// with before and after, a summary for a batch. Names, not ids, so the trail reads well on its own.
import type { Op } from "../domain/graph/ops";
import { linkPoliciesIn, type Diagram, type DiagramLink } from "../domain/graph/types";

interface Described {
  action: string;
  target: { type: string; id?: string; componentId?: string; environmentId?: string };
  before?: unknown;
  after?: unknown;
}

/** The component an operation is about (a link's: its consumer's). */
function touched(o: Op, before: Diagram, after: Diagram): string {
  switch (o.op) {
    case "addComponent":
      return o.component.id;
    case "addLink":
      return o.link.to;
    case "setInstance":
      return o.component;
    case "setLinkPolicy":
      return [...before.links, ...after.links].find((l) => l.id === o.link)?.to ?? o.link;
    default:
      return o.id;
  }
}

function describeOne(
  o: Op,
  before: Diagram,
  after: Diagram,
  envName: (id: string) => string,
): Described {
  const name = (id: string) =>
    after.components.find((c) => c.id === id)?.name ??
    before.components.find((c) => c.id === id)?.name ??
    id;
  const linkView = (l: DiagramLink) => ({
    from: `${name(l.from)}.${l.fromArtifact}`,
    to: `${name(l.to)}.${l.toSlot}`,
    policies: l.policies,
    ...(l.policiesIn
      ? {
          policiesIn: Object.fromEntries(
            Object.entries(l.policiesIn).map(([env, ids]) => [envName(env), ids]),
          ),
        }
      : {}),
  });
  switch (o.op) {
    case "addComponent": {
      const { name: n, bundle, version, x, y } = o.component;
      return {
        action: "component.added",
        target: { type: "component", id: o.component.id, componentId: o.component.id },
        after: { name: n, bundle, version, x, y },
      };
    }
    case "updateComponent": {
      const old = before.components.find((c) => c.id === o.id)!;
      const fields = (["name", "x", "y", "version"] as const).filter((f) => o[f] !== undefined);
      const action = fields.every((f) => f === "x" || f === "y")
        ? "component.moved"
        : fields.includes("version")
          ? "component.version_changed"
          : fields.includes("name")
            ? "component.renamed"
            : "component.updated";
      return {
        action,
        target: { type: "component", id: o.id, componentId: o.id },
        before: Object.fromEntries(fields.map((f) => [f, old[f]])),
        after: Object.fromEntries(fields.map((f) => [f, o[f]])),
      };
    }
    case "removeComponent": {
      const old = before.components.find((c) => c.id === o.id)!;
      const links = before.links.filter((l) => l.from === o.id || l.to === o.id).map(linkView);
      return {
        action: "component.removed",
        target: { type: "component", id: o.id, componentId: o.id },
        before: { name: old.name, bundle: old.bundle, version: old.version, links },
      };
    }
    case "addLink":
      return {
        action: "link.added",
        target: { type: "link", id: o.link.id, componentId: o.link.to },
        after: linkView(o.link),
      };
    case "removeLink": {
      const old = before.links.find((l) => l.id === o.id)!;
      return {
        action: "link.removed",
        target: { type: "link", id: o.id, componentId: old.to },
        before: linkView(old),
      };
    }
    case "setInstance": {
      const old = before.instances[o.component]?.[o.environment];
      // As written: the pinned preset version is filled in by the rules.
      const now = after.instances[o.component]?.[o.environment] ?? o.config;
      const action =
        old &&
        old.preset === now.preset &&
        now.preset !== null &&
        (now.presetVersion ?? 0) > (old.presetVersion ?? 0)
          ? "instance.preset_upgraded"
          : (old?.preset ?? null) !== now.preset
            ? "instance.preset_changed"
            : "instance.configured";
      return {
        action,
        target: {
          type: "instance",
          id: `${o.component}/${o.environment}`,
          componentId: o.component,
          environmentId: o.environment,
        },
        before: old ? { environment: envName(o.environment), ...old } : null,
        after: { environment: envName(o.environment), ...now },
      };
    }
    case "setLinkPolicy": {
      // In a batch the link may be added or removed by another of its operations.
      const old = before.links.find((l) => l.id === o.link);
      const now = after.links.find((l) => l.id === o.link);
      const link = (old ?? now)!;
      const { from, to } = linkView(link);
      const environment = envName(o.environment);
      // What the link grants there, and whether that is a choice of this environment's own.
      const grant = (l: DiagramLink | undefined) =>
        l
          ? {
              from,
              to,
              environment,
              policies: [...linkPoliciesIn(l, o.environment)],
              chosen: l.policiesIn?.[o.environment] !== undefined,
            }
          : null;
      return {
        action: "link.policies_chosen",
        target: { type: "link", id: o.link, componentId: link.to, environmentId: o.environment },
        before: grant(old),
        after: grant(now) ?? { from, to, environment, policies: o.policies },
      };
    }
  }
}

/** The audit action, target and before/after of applying `ops` to `before` (giving `after`). */
export function describeChange(
  before: Diagram,
  after: Diagram,
  ops: readonly Op[],
  environments: { id: string; name: string }[],
): Described {
  const envName = (id: string) => environments.find((e) => e.id === id)?.name ?? id;
  if (ops.length === 1) return describeOne(ops[0]!, before, after, envName);
  const components = new Set(ops.map((o) => touched(o, before, after)));
  const single = components.size === 1 ? [...components][0] : undefined;
  const arranged = ops.every(
    (o) => o.op === "updateComponent" && o.name === undefined && o.version === undefined,
  );
  const summary = ops.map((o) => {
    const d = describeOne(o, before, after, envName);
    return {
      action: d.action,
      ...(d.after && typeof d.after === "object" ? { after: d.after } : {}),
      ...(d.before && typeof d.before === "object" && !d.after ? { before: d.before } : {}),
    };
  });
  return {
    action: arranged ? "diagram.arranged" : "diagram.changed",
    target: single ? { type: "component", id: single, componentId: single } : { type: "diagram" },
    after: arranged ? { moved: ops.length } : { changes: summary },
  };
}
