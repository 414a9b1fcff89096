// What every provisioner offers the runner: plan, apply and destroy of one instance, each
// streaming log lines as they happen and returning what it produced. A provisioner knows
// nothing of runs, queues or the database: the runner freezes the request from a deployment's
// snapshot, stores the lines and outputs, and decides what happens next.
import type { ArtifactTypeDefinition } from "../domain/catalog/types";

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

/** One resource a plan would change, with the attribute names that change (never values). */
export interface ResourceChange {
  action: ChangeAction;
  /** `kind.name`, e.g. `postgresql_role.shop-local-api-ab12-database`. */
  resource: string;
  attributes: string[];
}

type Payload = Record<string, unknown>;

/**
 * A line into one of this instance's outputs: the producer side of a link. Providers that
 * grant access per consumer (a database role, a Redis user) create one principal per line,
 * named and granted exactly as the Access tab shows (server/domain/access/render-grants.ts).
 */
export interface ServedLine {
  linkId: string;
  /** The producer's output (artifact key) the line starts from. */
  artifact: string;
  /** The consumer's input slot. */
  slot: string;
  /** The consumer's name_prefix: principals are named from it. */
  consumerNamePrefix: string;
  /** Policy ids chosen for this line in this environment. */
  policies: string[];
}

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
  ): Promise<{ changes: ResourceChange[] }>;
  /** Create or bring up to date; idempotent: a second apply of the same request changes nothing. */
  apply(request: ProvisionRequest, onLog: LogSink): Promise<ProvisionOutputs>;
  /** Remove everything `apply` created for this instance. */
  destroy(request: ProvisionRequest, onLog: LogSink): Promise<void>;
}
