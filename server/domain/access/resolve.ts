// Everything one instance's deployment receives, computed in one pure function: params,
// connection payloads, metadata, env vars, secrets status and the grants of every line.
// The Access and Runtime tabs show exactly this, so what is shown is what is deployed.
import { missingRequired } from "../catalog/required";
import { renderEnv, secretStatus, type EnvConnection } from "./env";
import { metadataBag } from "./metadata";
import { resolveParams } from "./params";
import { connectionPayload, type ConnectionPayload } from "./payload";
import { renderLinkGrants } from "./render-grants";
import type {
  ConnectionSource,
  InstanceResolution,
  LinkAccess,
  ResolveInstanceInput,
  ResolvedConnection,
  ResolveProblem,
} from "./resolve-types";

/**
 * Resolve one component in one environment.
 *
 * - `params`: schema defaults ← preset ← instance params.
 * - `connections`: per slot of the bundle, in order of precedence: a remote reference (the
 *   owner's recorded payload), else the line's upstream deployed payload or a preview from its
 *   params (`preview: true`, `unknown` fields), else the first environment default of the type.
 * - `grants`: per line, only the chosen policies, rendered for the consumer's principal.
 * - `env`: `app.env` over all of the above; `secrets`: declared secrets and whether set.
 * - `problems`: unknown slots/types/policies, missing required slots or secrets.
 *
 * Values are not redacted: use `redactResolution` before sending it to a browser.
 */
export function resolveInstance(input: ResolveInstanceInput): InstanceResolution {
  const { bundle, artifactTypes, instance } = input;
  const problems: ResolveProblem[] = [];
  const params = resolveParams({
    schema: bundle.params,
    preset: instance.preset,
    overrides: instance.params,
  });
  // A partial preset may leave a required param to the developer: nothing deploys without it.
  for (const path of missingRequired(bundle.params, params))
    problems.push({
      rule: "missing-param",
      slot: path,
      message: `required param "${path}" is not set`,
    });
  const metadata = metadataBag({ ...input, deploymentId: instance.deploymentId });
  const slots = new Map(bundle.connections.map((s) => [s.key, s]));
  const linksBySlot = new Map(input.links.map((l) => [l.slot, l]));
  const referencesBySlot = new Map((input.references ?? []).map((r) => [r.slot, r]));
  for (const link of input.links) {
    if (!slots.has(link.slot)) {
      problems.push({
        rule: "unknown-slot",
        slot: link.slot,
        linkId: link.linkId,
        message: `${bundle.name}@${bundle.version} has no input slot "${link.slot}"`,
      });
    }
  }

  const connections: ResolvedConnection[] = [];
  const envConnections: Record<string, EnvConnection> = {};
  const grants: LinkAccess[] = [];
  for (const slot of bundle.connections) {
    const type = artifactTypes.get(slot.type);
    if (!type) {
      problems.push({
        rule: "unknown-artifact-type",
        slot: slot.key,
        message: `artifact type "${slot.type}" of slot "${slot.key}" is not in the catalog`,
      });
      continue;
    }
    const reference = referencesBySlot.get(slot.key);
    const link = reference ? undefined : linksBySlot.get(slot.key);
    const fallback =
      link || reference ? undefined : input.environmentDefaults?.find((d) => d.type === slot.type);
    let source: ConnectionSource | null = null;
    let resolved: ConnectionPayload | null = null;
    if (reference && !reference.present) {
      problems.push({
        rule: "missing-reference",
        slot: slot.key,
        message: `slot "${slot.key}" references an artifact that is no longer offered (${reference.label}); pick another or remove the reference`,
      });
    } else if (reference) {
      source = {
        kind: "remote-reference",
        referenceId: reference.referenceId,
        label: reference.label,
        project: reference.project,
      };
      resolved = connectionPayload(type, reference.payload, {});
    } else if (link) {
      source = {
        kind: "link",
        linkId: link.linkId,
        from: { componentId: link.from.componentId, name: link.from.name },
      };
      resolved = connectionPayload(
        type,
        link.upstream.payload,
        resolveParams(link.upstream.params),
      );
    } else if (fallback) {
      source = { kind: "environment-default", name: fallback.name };
      resolved = connectionPayload(type, fallback.payload, {});
    } else if (slot.required) {
      problems.push({
        rule: "missing-required",
        slot: slot.key,
        message: `required slot "${slot.key}" (${slot.type}) has no line and no environment default`,
      });
    }

    connections.push({
      slot: slot.key,
      type: slot.type,
      required: slot.required,
      source,
      payload: resolved?.payload ?? null,
      preview: resolved?.preview ?? false,
      unknown: resolved?.unknown ?? [],
      sensitive: [...type.sensitivePaths],
    });
    envConnections[slot.key] = {
      payload: resolved?.payload ?? null,
      unknown: resolved?.unknown ?? [],
      sensitivePaths: type.sensitivePaths,
      required: slot.required,
      ...(link ? { linkId: link.linkId } : {}),
      ...(fallback ? { environmentDefault: fallback.name } : {}),
      ...(reference ? { remoteReference: reference.label } : {}),
    };

    if (!source || !resolved) continue;
    const rendered = renderLinkGrants({
      type,
      slot: slot.key,
      policies: link?.policies ?? reference?.policies ?? [],
      payload: resolved,
      namePrefix: metadata.name_prefix,
      project: metadata.project,
      producerProject: link ? link.from.project : (reference?.project ?? null),
      cloud: input.cloud,
    });
    const linkId = link?.linkId ?? null;
    // Types without policies (endpoints, credentials) grant nothing; only a bad choice is reported.
    if (type.policies.length > 0)
      grants.push({ linkId, slot: slot.key, type: slot.type, source, ...rendered });
    for (const { rule, message } of rendered.problems)
      problems.push({ rule, slot: slot.key, ...(linkId ? { linkId } : {}), message });
  }

  const env = renderEnv({ app: bundle.app, params, connections: envConnections, metadata });
  const secrets = secretStatus(bundle.app, instance.secretsSet ?? []);
  for (const s of secrets) {
    if (s.required && !s.set)
      problems.push({
        rule: "missing-secret",
        slot: s.name,
        message: `required secret ${s.name} (${s.title}) is not set`,
      });
  }
  return { params, connections, metadata, env, secrets, grants, problems };
}
