// What every provisioner offers the runner: plan, apply and destroy of one instance, each
// streaming log lines as they happen and returning what it produced. A provisioner knows
// nothing of runs, queues or the database: the runner freezes the request from a deployment's
// snapshot, stores the lines and outputs, and decides what happens next.
import type { ArtifactTypeDefinition } from "../domain/catalog/types";
import type { ServedLine } from "../domain/deployments/served";

export type LogStream = "stdout" | "stderr" | "system";

/** One line of a provisioner's log. Never carries a secret value: providers redact before. */
export interface LogLine {
  /** ISO 8601, UTC, when the line was written. */
  at: string;
  stream: LogStream;
  text: string;
}

export type LogSink = (line: LogLine) => void;

type ChangeAction = "create" | "update" | "replace" | "delete";

/** One attribute a change moves: values shown, except sensitive ones (`"(sensitive)"`). */
export interface AttributeDiff {
  /** Dotted path inside the resource, e.g. `input.flags.beta` or `tags[0]`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** One resource a plan would change, with the attributes that change. */
export interface ResourceChange {
  action: ChangeAction;
  /** `kind.name`, e.g. `postgresql_role.shop-local-api-ab12-database`. */
  resource: string;
  attributes: string[];
  /** Before → after per attribute, sensitive values masked (Terraform plans carry them). */
  diffs?: AttributeDiff[];
}

/** One way reality differs from what the last apply left: found by a drift check. */
export interface DriftItem {
  /** `kind.name` of the resource, or `output.name`. */
  resource: string;
  /** What differs, e.g. `privileges`, `exists`, `value.version`. */
  attribute: string;
  /** What the last apply left, masked like a diff (`"(sensitive)"`). */
  expected: string;
  actual: string;
}

/**
 * Where a Terraform-style provisioner keeps an instance's state: Patchbay's own http backend
 * (server/state), with Basic credentials that are valid only while the run is running.
 */
export interface StateBackendAccess {
  /** `<PATCHBAY_URL>/api/state/<instanceId>/<step>`: GET/POST, and LOCK/UNLOCK on the same path. */
  address: string;
  username: string;
  /** Never logged, never written to the working directory's files. */
  password: string;
}

/** What a provisioner that runs IaC source needs besides the request's values. */
export interface RunContext {
  deploymentId: string;
  instanceId: string;
  /** The bundle's folder on disk and the step to run. */
  bundleDir: string;
  step: { path: string; provisioner: string };
  /** The metadata bag: `name_prefix` and `default_tags` (organization → component cascade). */
  metadata: { name_prefix: string; default_tags: Record<string, string> };
  /** Each input slot's resolved payload (values in clear) and the grants its line expands to. */
  connections: Record<string, { payload: Payload; grants: unknown[] }>;
  /** This instance's state for this step. */
  state: StateBackendAccess;
  /** Read-only access to the state of each instance a line comes from, by input slot. */
  upstreamStates: Record<string, StateBackendAccess>;
  /** Values the run must never show (secret params and fields, env secrets): masked. */
  secrets?: string[];
  /** An apply of a reviewed plan: that plan's saved file, applied as it is (never re-planned). */
  savedPlan?: Buffer;
}

type Payload = Record<string, unknown>;

/**
 * A line into one of this instance's outputs: the producer side of a link. Providers that
 * grant access per consumer (a database role, a Redis user) create one principal per line,
 * named and granted exactly as the Access tab shows (server/domain/access/render-grants.ts).
 */
export type { ServedLine };

export interface ProvisionRequest {
  /** The bundle's name: which local driver handles it. */
  bundle: string;
  /** The instance's name_prefix: every resource it creates is named from it. */
  namePrefix: string;
  project: string;
  params: Payload;
  /** The artifact type of each output, by artifact key. */
  artifactTypes: Record<string, ArtifactTypeDefinition>;
  /** Lines consumers drew into this instance's outputs (empty for an instance nobody uses). */
  lines: ServedLine[];
  /** Resolved environment variables for an application (secrets included; never logged). */
  env: Record<string, string>;
  /** Connection settings taken from the environment's defaults (admin URLs …). */
  settings: Record<string, string>;
  /** The outputs of the last successful apply, sensitive values in clear: kept where reusable. */
  previous: ProvisionOutputs | null;
  /** Aborts the run: providers stop at the next safe point. */
  signal?: AbortSignal;
  /** Set by the runner for every run; IaC provisioners (terraform) need it, `local` does not. */
  run?: RunContext;
}

/** One output of the instance, ready to be validated against its artifact type. */
interface ArtifactOutput {
  /** What every consumer of this output sees (no credentials). */
  shared: Payload;
  /** Full payload per line (link id): `shared` plus that line's own credentials. */
  lines: Record<string, Payload>;
  /** JSON pointers of the secret fields (`/password`): sealed by the runner, never shown. */
  sensitive: string[];
}

export interface ProvisionOutputs {
  artifacts: Record<string, ArtifactOutput>;
}

export interface Provisioner {
  /** What `apply` (or, with `destroy`, `destroy`) would change; changes nothing. */
  plan(
    request: ProvisionRequest,
    onLog: LogSink,
    mode?: "apply" | "destroy",
  ): Promise<{ changes: ResourceChange[]; savedPlan?: Buffer }>;
  /** Create or bring up to date; idempotent: a second apply of the same request changes nothing. */
  apply(request: ProvisionRequest, onLog: LogSink): Promise<ProvisionOutputs>;
  /** Remove everything `apply` created for this instance. */
  destroy(request: ProvisionRequest, onLog: LogSink): Promise<void>;
  /** How reality differs from what the last apply left (empty: no drift); changes nothing. */
  drift?(request: ProvisionRequest, onLog: LogSink): Promise<DriftItem[]>;
}
