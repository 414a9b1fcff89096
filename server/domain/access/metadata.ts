// The metadata bag every deployment receives besides its params: a deterministic
// `name_prefix` and the `default_tags` cascade.
import { shortHash } from "./stable-hash";

/**
 * Longest name_prefix. Bundles append their own suffixes (`-sg`, `-subnets`) and the
 * tightest common cloud limits are 63–64 characters (S3, RDS, IAM roles), so 52 leaves
 * room for an 11-character suffix.
 */
export const NAME_PREFIX_MAX = 52;

export interface NamePrefixInput {
  project: string;
  environment: string;
  component: string;
  /** Database ids: the suffix is derived from these only, never from the names. */
  projectId: string;
  environmentId: string;
  componentId: string;
}

function slugPart(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * `{project}-{environment}-{component}-{xxxx}`, lowercase `[a-z0-9-]`. `xxxx` hashes the
 * three ids, so it never changes for the life of the instance and two instances whose
 * names collide after shortening still differ. The readable part is cut to fit
 * `NAME_PREFIX_MAX`.
 */
export function namePrefix(input: NamePrefixInput): string {
  const suffix = shortHash(
    `${input.projectId}\u0000${input.environmentId}\u0000${input.componentId}`,
  );
  const readable = [input.project, input.environment, input.component]
    .map(slugPart)
    .filter(Boolean)
    .join("-");
  const head = readable.slice(0, NAME_PREFIX_MAX - suffix.length - 1).replace(/-+$/, "");
  return head ? `${head}-${suffix}` : suffix;
}

export type Tags = Record<string, string>;

/** Tag keys Patchbay owns; user tags cannot set them at any level. */
export const RESERVED_TAG_KEYS = [
  "managed-by",
  "patchbay-organization",
  "patchbay-project",
  "patchbay-environment",
  "patchbay-component",
] as const;

/**
 * Reserved: the five keys above and the whole `patchbay-` namespace, so a tag Patchbay adds
 * later can never already be taken by a user.
 */
function isReservedTag(key: string): boolean {
  return key === "managed-by" || key.startsWith("patchbay-");
}

/** One level of the cascade: its slug (or component name) and its user tags. */
interface TagLevel {
  slug: string;
  tags?: Tags | null;
}

export interface TagCascade {
  organization: TagLevel;
  project: TagLevel;
  environment: TagLevel;
  component: TagLevel;
}

/**
 * `default_tags`: user tags of organization ← project ← environment ← component (the
 * nearest level wins), then the reserved tags, which no user tag can override.
 */
export function defaultTags(cascade: TagCascade): Tags {
  const out: Tags = {};
  for (const level of [
    cascade.organization,
    cascade.project,
    cascade.environment,
    cascade.component,
  ]) {
    for (const [key, value] of Object.entries(level.tags ?? {})) {
      if (!isReservedTag(key) && typeof value === "string") out[key] = value;
    }
  }
  out["managed-by"] = "patchbay";
  out["patchbay-organization"] = cascade.organization.slug;
  out["patchbay-project"] = cascade.project.slug;
  out["patchbay-environment"] = cascade.environment.slug;
  out["patchbay-component"] = cascade.component.slug;
  return out;
}

/** User tag keys that were ignored because they are reserved, for a form to explain why. */
export function ignoredUserTags(cascade: TagCascade): { level: keyof TagCascade; key: string }[] {
  return (Object.keys(cascade) as (keyof TagCascade)[]).flatMap((level) =>
    Object.keys(cascade[level].tags ?? {})
      .filter(isReservedTag)
      .map((key) => ({ level, key })),
  );
}

/** What `{{metadata.*}}` resolves to, plus the deployment it was frozen for. */
export interface MetadataBag {
  name_prefix: string;
  default_tags: Tags;
  project: string;
  environment: string;
  component: string;
  /** Null until a deployment exists (previews, plans not yet queued). */
  deployment_id: string | null;
}

export interface MetadataInput {
  organization: { id: string; slug: string; tags?: Tags | null };
  project: { id: string; slug: string; tags?: Tags | null };
  environment: { id: string; slug: string; tags?: Tags | null };
  component: { id: string; name: string; tags?: Tags | null };
  deploymentId?: string | null;
}

/** The metadata bag of one component in one environment. */
export function metadataBag({
  organization,
  project,
  environment,
  component,
  deploymentId,
}: MetadataInput): MetadataBag {
  return {
    name_prefix: namePrefix({
      project: project.slug,
      environment: environment.slug,
      component: component.name,
      projectId: project.id,
      environmentId: environment.id,
      componentId: component.id,
    }),
    default_tags: defaultTags({
      organization,
      project,
      environment,
      component: { slug: component.name, tags: component.tags },
    }),
    project: project.slug,
    environment: environment.slug,
    component: component.name,
    deployment_id: deploymentId ?? null,
  };
}
