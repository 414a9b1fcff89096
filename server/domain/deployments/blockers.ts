// Why a deployment of one instance cannot be requested. Pure: the server enforces it on
// `deployment.request` and the inspector computes the same list from the resolution it
// already shows, to explain a disabled button before anyone presses it.
//
// Every problem the resolver reports blocks both actions: a required secret or slot left
// empty, a line into a slot the bundle no longer has, a policy the producer does not offer,
// a grant that would only render with a placeholder. The IaC would run without an input it
// declares, or with access nobody chose. An upstream that is not deployed yet blocks only an
// apply: a plan is a preview and may use the preview payload built from the upstream's
// params, but applying against placeholder hostnames and ARNs would provision nonsense.
import { AppError, fieldMessages } from "../errors";

/** The actions blockers apply to; `destroy` has rules of its own (destroy.ts). */
export type RequestableAction = "plan" | "apply";

/** The parts of a resolution (raw or redacted: either fits) that decide. */
interface BlockerResolution {
  problems: readonly { rule: string; slot: string; message: string }[];
  connections: readonly {
    slot: string;
    source:
      | { kind: "link"; from: { name: string } }
      | { kind: "environment-default"; name: string }
      | { kind: "remote-reference"; label: string }
      | null;
    preview: boolean;
  }[];
}

export interface BlockerFacts {
  action: RequestableAction;
  /** The environment's slug, as messages name it (`production`). */
  environment: string;
  resolution: BlockerResolution;
  /** Blockers that do not count here (a batch applies the upstream first). */
  lifted?: (blocker: DeploymentBlocker) => boolean;
}

type BlockerRule =
  | "missing-secret"
  | "missing-param"
  | "missing-required"
  | "unknown-slot"
  | "unknown-artifact-type"
  | "unknown-policy"
  | "grant"
  | "upstream-not-deployed"
  | "missing-reference"
  | "reference-not-deployed";

export interface DeploymentBlocker {
  /** What blocks, as a dotted path: `secrets.SESSION_SECRET`, `connections.cluster`. */
  field: string;
  rule: BlockerRule | (string & {});
  /** Names the rule and the thing, without the field. */
  message: string;
}

function fromProblem(
  problem: BlockerResolution["problems"][number],
  environment: string,
): DeploymentBlocker {
  if (problem.rule === "missing-secret") {
    return {
      field: `secrets.${problem.slot}`,
      rule: problem.rule,
      message: `required secret "${problem.slot}" is not set in ${environment}`,
    };
  }
  if (problem.rule === "missing-param") {
    return {
      field: `params.${problem.slot}`,
      rule: problem.rule,
      message: `required param "${problem.slot}" is not set in ${environment}`,
    };
  }
  // Every other problem concerns an input slot (its line, its type, its policies).
  return { field: `connections.${problem.slot}`, rule: problem.rule, message: problem.message };
}

/**
 * The reasons a deployment of this instance cannot be requested, in the resolver's order
 * (slots, then secrets), each naming its field and rule; empty when it can.
 */
export function deploymentBlockers({
  action,
  environment,
  resolution,
}: BlockerFacts): DeploymentBlocker[] {
  const blockers = resolution.problems.map((p) => fromProblem(p, environment));
  if (action === "apply") {
    for (const c of resolution.connections) {
      if (c.source?.kind === "remote-reference" && c.preview) {
        blockers.push({
          field: `connections.${c.slot}`,
          rule: "reference-not-deployed",
          message: `the referenced ${c.source.label} has no recorded value yet; its owner must deploy it first`,
        });
        continue;
      }
      if (c.source?.kind !== "link" || !c.preview) continue;
      const upstream = c.source.from.name;
      blockers.push({
        field: `connections.${c.slot}`,
        rule: "upstream-not-deployed",
        message: `upstream "${upstream}" is not deployed in ${environment} yet; apply it first (a plan can use its preview)`,
      });
    }
  }
  return blockers;
}

/** `field: message`, the form every refusal uses. */
export function describeBlocker(blocker: DeploymentBlocker): string {
  return `${blocker.field}: ${blocker.message}`;
}

/** Field → messages, for inline display beside what blocks. */
function blockerFields(blockers: readonly DeploymentBlocker[]): Record<string, string[]> {
  return fieldMessages(blockers);
}

/** Refuses (BAD_REQUEST, every blocker as an inline field error) while anything blocks. */
export function assertRequestable(facts: BlockerFacts): void {
  const blockers = deploymentBlockers(facts).filter((b) => !facts.lifted?.(b));
  if (blockers.length === 0) return;
  throw new AppError(
    "BAD_REQUEST",
    `Deployment blocked — ${blockers.map(describeBlocker).join(" · ")}`,
    {
      fields: blockerFields(blockers),
      blockers,
    },
  );
}
