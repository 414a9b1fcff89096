// The plain-object contract of `resolveInstance`. The caller (a repository + procedure)
// assembles it from the database; nothing here knows where it came from.
import type { ArtifactTypeDefinition, BundleDefinition } from "../catalog/types";
import type { EnvVar, SecretStatus } from "./env";
import type { CloudContext } from "./grantee";
import type { MetadataBag, Tags } from "./metadata";
import type { ParamsLayers } from "./params";
import type { Payload } from "./payload";
import type { RenderedLinkGrants } from "./render-grants";

/**
 * A line into one of the instance's slots, with what the upstream instance has in the same
 * environment.
 */
export interface LinkSourceInput {
  kind: "link";
  linkId: string;
  /** The consumer's input slot. */
  slot: string;
  /**
   * Policy ids the link grants in this environment (`linkPoliciesIn`); `[]` = the least
   * privileged.
   */
  policies: string[];
  from: {
    componentId: string;
    name: string;
    /** Slug of the producer's project (lines may cross into a shared tier). */
    project: string;
    /** The producer's output slot. */
    artifact: string;
  };
  upstream: {
    /** The deployed artifact payload (sensitive fields decrypted by the caller), or null. */
    payload: Payload | null;
    /** The upstream instance's param layers, used for the preview while `payload` is null. */
    params: ParamsLayers;
  };
}

/**
 * A remote reference: the slot is filled from outside the project (another project's
 * publication, or an imported artifact). It wins over a line and an environment default.
 */
export interface ReferenceSourceInput {
  referenceId: string;
  slot: string;
  /** Policy ids the borrower receives (`[]` = the least privileged). */
  policies: string[];
  /** Where the value comes from, as the slot shows it. */
  label: string;
  /** The owner's project slug (a publication), else null (an imported artifact). */
  project: string | null;
  /** False when what it pointed to is gone: deployments are blocked until it is fixed. */
  present: boolean;
  /** The owner's recorded payload (sensitive fields decrypted by the caller), or null. */
  payload: Payload | null;
}

/** An artifact supplied per environment: it fills every slot of its type that has no line. */
interface EnvironmentDefaultInput {
  name: string;
  /** Artifact type name. */
  type: string;
  payload: Payload;
}

/** Everything needed to resolve one component in one environment. */
export interface ResolveInstanceInput {
  /** The exact bundle version the component is pinned to. */
  bundle: BundleDefinition;
  /** Artifact types by name (`CatalogIndex.artifactTypes` fits). */
  artifactTypes: ReadonlyMap<string, ArtifactTypeDefinition>;
  organization: { id: string; slug: string; tags?: Tags | null };
  project: { id: string; slug: string; tags?: Tags | null };
  environment: { id: string; slug: string; tags?: Tags | null };
  component: { id: string; name: string; tags?: Tags | null };
  instance: {
    /** Values of the preset in use, or null. */
    preset: Record<string, unknown> | null;
    /** The instance's own param values. */
    params: Record<string, unknown> | null;
    /** The deployment this resolution is frozen for; null for previews. */
    deploymentId?: string | null;
    /** Names of the secrets that have a value (never the values). */
    secretsSet?: string[];
  };
  /** Lines ending at this component, at most one per slot. */
  links: LinkSourceInput[];
  /** Remote references of this instance, at most one per slot. */
  references?: ReferenceSourceInput[];
  /** The environment's defaults; the first of a type fills its unlinked slots. */
  environmentDefaults?: EnvironmentDefaultInput[];
  /** Account, GCP project and namespace of the environment, when known. */
  cloud?: CloudContext;
}

export type ConnectionSource =
  | { kind: "link"; linkId: string; from: { componentId: string; name: string } }
  | { kind: "environment-default"; name: string }
  | { kind: "remote-reference"; referenceId: string; label: string; project: string | null };

export interface ResolvedConnection {
  slot: string;
  type: string;
  required: boolean;
  /** Null when nothing fills the slot. */
  source: ConnectionSource | null;
  payload: Payload | null;
  preview: boolean;
  unknown: string[];
  /** JSON pointers of sensitive payload fields. */
  sensitive: string[];
}

/** The access one line (or environment default) gives the consumer. */
export interface LinkAccess extends RenderedLinkGrants {
  /** Null for an environment default. */
  linkId: string | null;
  slot: string;
  type: string;
  source: ConnectionSource;
}

export interface ResolveProblem {
  rule:
    | "unknown-slot"
    | "unknown-artifact-type"
    | "unknown-policy"
    | "missing-required"
    | "missing-reference"
    | "missing-secret"
    | "missing-param"
    | "grant";
  /**
   * The slot concerned, the secret's name for `missing-secret`, the param's dotted path for
   * `missing-param`.
   */
  slot: string;
  linkId?: string;
  message: string;
}

export interface InstanceResolution {
  params: Record<string, unknown>;
  connections: ResolvedConnection[];
  metadata: MetadataBag;
  env: EnvVar[];
  secrets: SecretStatus[];
  grants: LinkAccess[];
  /** Reportable problems; a deployment should be refused while any exists. */
  problems: ResolveProblem[];
}
