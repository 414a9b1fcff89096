// Catalog types shared by the server (loader, importer, sync) and the browser (canvas,
// forms). Pure data: no functions, no Node imports, JSON-serialisable end to end, so a tRPC
// procedure can ship them to the canvas unchanged.
import type { AllowedEnvironments } from "../presets/types";

/** A JSON Schema (draft-07) object. Kept loose on purpose: schemas come from YAML. */
export type JsonSchema = { [keyword: string]: unknown };

/** A react-jsonschema-form UI schema (`ui:order`, `ui:help`, `ui:widget` …). */
export type UiSchema = { [key: string]: unknown };

export type Provisioner = "opentofu" | "terraform" | "helm" | "local";

/**
 * How a line of this type is drawn: `link` is a line between two components;
 * `environment` payloads (credentials, networks) are supplied once per environment and
 * shown as an environment default rather than a line.
 */
type ArtifactOrientation = "link" | "environment";

/** Fields common to input and output slots. `key` is the stable handle id on the canvas. */
interface SlotDefinition {
  key: string;
  /** Artifact type name; look it up in the catalog, never parse it out of a handle id. */
  type: string;
  title: string;
}

/** An input slot (`connections` in bundle.yaml). */
export interface ConnectionSlot extends SlotDefinition {
  required: boolean;
  /** JSON Schema fragment the upstream payload must also satisfy (e.g. a version const). */
  constraints?: JsonSchema;
}

/** An output slot (`artifacts` in bundle.yaml). */
export type ArtifactSlot = SlotDefinition;

/** A preset shipped with the bundle. `values` validate against the bundle's params. */
export interface ShippedPreset {
  name: string;
  description: string;
  values: Record<string, unknown>;
  /** Environments that may use it (bundle.yaml `allowed`); absent means every environment. */
  allowed?: AllowedEnvironments;
}

interface SecretDeclaration {
  title: string;
  required: boolean;
  description?: string;
}

/**
 * The runtime contract of an application bundle. `env` values are templates: see
 * `template.ts` for the `{{root.path}}` syntax and the roots allowed here.
 */
export interface AppDefinition {
  env: Record<string, string>;
  secrets: Record<string, SecretDeclaration>;
}

export interface StepDefinition {
  /** Directory relative to the bundle directory. */
  path: string;
  provisioner: Provisioner;
}

export interface BundleDefinition {
  name: string;
  version: string;
  description: string;
  icon: string;
  category: string;
  /** Params schema with local `$ref`s inlined (cycles are rejected at load). */
  params: JsonSchema;
  ui: UiSchema;
  presets: ShippedPreset[];
  connections: ConnectionSlot[];
  artifacts: ArtifactSlot[];
  app?: AppDefinition;
  steps: StepDefinition[];
  /** sha256 (hex) of the canonical JSON of the definition and its step files. */
  digest: string;
  /** Where it was loaded from, relative to the catalog root (for error messages). */
  source: string;
  /**
   * The operator guide (Massdriver's `operator.md`, Markdown), shown as the component's runbook.
   * Part of the digest; stored beside the version, not inside its definition.
   */
  runbook?: string;
}

/** One AWS IAM statement. `Resource` must be a template such as `{{artifact.arn}}`. */
export interface IamStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, unknown>;
}

export interface AwsGrant {
  /** Inline policy document attached to the consumer's role. */
  document?: { Version: "2012-10-17"; Statement: IamStatement[] };
  /** Or a managed policy the producer created (Massdriver's `security.iam.*.policy_arn`). */
  policyArn?: string;
}

interface GcpGrant {
  role: string;
  /** Full resource name the binding is scoped to, as a template. */
  resource: string;
  condition?: string;
}

interface PostgresqlGrant {
  statements: string[];
}

interface RedisGrant {
  /** Redis ACL rule, e.g. `~{{artifact.key_prefix}}* +@read`. */
  acl: string;
}

export interface KubernetesRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

interface KubernetesGrant {
  /** `Role` rules are namespaced to the consumer; `ClusterRole` only where needed. */
  scope: "namespace" | "cluster";
  rules: KubernetesRule[];
}

export interface PolicyGrants {
  aws?: AwsGrant;
  gcp?: GcpGrant;
  postgresql?: PostgresqlGrant;
  redis?: RedisGrant;
  kubernetes?: KubernetesGrant;
}

/** A named access level a producer offers to consumers of its artifact. */
export interface PolicyDefinition {
  id: string;
  title: string;
  description: string;
  grants: PolicyGrants;
}

export interface ArtifactTypeDefinition {
  name: string;
  label: string;
  icon: string;
  /** Hex colour of handles and lines of this type. */
  color: string;
  orientation: ArtifactOrientation;
  /** JSON Schema of the payload. Properties with `sensitive: true` are secrets. */
  schema: JsonSchema;
  /** JSON pointers (into the payload) of sensitive fields, precomputed for redaction. */
  sensitivePaths: string[];
  /**
   * Invariant: the first policy is the least privileged one, so it is the safe default
   * when a developer draws a line without choosing.
   */
  policies: PolicyDefinition[];
  digest: string;
  source: string;
}

/**
 * One problem found in the catalog. `path` is a JSON pointer into `file`; `rule` is a
 * stable identifier (e.g. `unknown-artifact-type`) tests and the UI can key on.
 */
export interface CatalogError {
  file: string;
  path: string;
  rule: string;
  message: string;
}

/** Something an importer could not carry over; reported, never silently dropped. */
export interface CatalogWarning {
  file: string;
  path: string;
  message: string;
}

export interface Catalog {
  bundles: BundleDefinition[];
  artifactTypes: ArtifactTypeDefinition[];
  errors: CatalogError[];
}
