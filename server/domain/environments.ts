// Environments of a project: what a new project starts with, what a fork copies, and when an
// environment may be deleted. Pure: the service feeds these rows read inside its transaction.
import { AppError, fieldMessages } from "./errors";

export const ENVIRONMENT_CLASSES = ["production", "non_production"] as const;
export type EnvironmentClass = (typeof ENVIRONMENT_CLASSES)[number];

export interface EnvironmentSpec {
  slug: string;
  name: string;
  class: EnvironmentClass;
  protected: boolean;
}

/** What every new project starts with: staging, and a protected production. */
export const DEFAULT_ENVIRONMENTS: readonly EnvironmentSpec[] = [
  { slug: "staging", name: "Staging", class: "non_production", protected: false },
  { slug: "production", name: "Production", class: "production", protected: true },
];

/**
 * One instance of the source environment, as the fork reads it (secrets appear only as a count).
 */
export interface ForkSourceInstance {
  componentId: string;
  componentName: string;
  /** The component's bundle: whose presets may replace a pin the fork's environment refuses. */
  bundle: string;
  params: unknown;
  presetVersionId: string | null;
  /** Number of secrets set on it: reported as not copied, never read. */
  secretCount: number;
}

/**
 * What a new instance of the fork is created with. Status, deployed version and revision start
 * fresh.
 */
export interface ForkedInstance {
  componentId: string;
  params: unknown;
  presetVersionId: string | null;
}

/**
 * A link's policy choice in the source environment (links without one grant what they were
 * drawn with).
 */
export interface LinkPolicyChoice {
  linkId: string;
  policies: string[];
}

export interface ForkPlan {
  instances: ForkedInstance[];
  linkPolicies: LinkPolicyChoice[];
  /** For the audit event: counts and component names, never a value. */
  summary: {
    instances: number;
    components: string[];
    presetPins: number;
    linkPolicyChoices: number;
    /**
     * Readable entries; plain strings because the audit redactor fingerprints any value under a key
     * naming a secret.
     */
    notCopied: string[];
  };
}

/**
 * What forking copies: each instance's params and preset pin — an allow-list, so a column
 * added to instances later is not copied by accident — and the links' policy choices. Never
 * secrets, environment defaults, deployments, outputs or status: the fork starts as drafts.
 */
export function planFork(
  source: readonly ForkSourceInstance[],
  environmentDefaults: number,
  linkPolicies: readonly LinkPolicyChoice[] = [],
): ForkPlan {
  const ordered = [...source].sort((a, b) => a.componentName.localeCompare(b.componentName));
  return {
    instances: ordered.map((i) => ({
      componentId: i.componentId,
      params: structuredClone(i.params ?? {}),
      presetVersionId: i.presetVersionId,
    })),
    linkPolicies: linkPolicies.map((c) => ({ linkId: c.linkId, policies: [...c.policies] })),
    summary: {
      instances: ordered.length,
      components: ordered.map((i) => i.componentName),
      presetPins: ordered.filter((i) => i.presetVersionId !== null).length,
      linkPolicyChoices: linkPolicies.length,
      notCopied: [
        `secrets (${ordered.reduce((n, i) => n + i.secretCount, 0)} set in the source)`,
        `environment defaults (${environmentDefaults})`,
        "deployments",
        "outputs",
        "status",
      ],
    },
  };
}

/** What deleting an environment must look at. */
export interface DeletionFacts {
  name: string;
  protected: boolean;
  instances: {
    componentName: string;
    status: string;
    deployedVersion: string | null;
    outputs: number;
  }[];
  deployments: number;
}

/**
 * What deleting a preview environment looks at: its deployment history goes with it (the audit
 * trail keeps what happened), and what a destroy decommissioned counts as gone.
 */
export function previewDeletionFacts(facts: DeletionFacts): DeletionFacts {
  return {
    ...facts,
    deployments: 0,
    instances: facts.instances.filter((i) => i.status !== "decommissioned"),
  };
}

/** Why this environment may not be deleted, most fundamental first; empty when it may. */
export function deletionBlockers(facts: DeletionFacts): string[] {
  const reasons: string[] = [];
  if (facts.protected)
    reasons.push(
      `protected: "${facts.name}" has decommission protection; turn off decommission protection first`,
    );
  const live = facts.instances
    .filter((i) => i.status !== "draft" || i.deployedVersion !== null || i.outputs > 0)
    .map((i) => {
      if (i.deployedVersion !== null) return `${i.componentName} (deployed ${i.deployedVersion})`;
      if (i.status !== "draft") return `${i.componentName} (${i.status})`;
      return `${i.componentName} (has recorded outputs)`;
    })
    .sort();
  if (live.length > 0) {
    reasons.push(
      `status: "${facts.name}" still has deployed components: ${live.join(", ")}; decommission them before deleting the environment`,
    );
  }
  if (facts.deployments > 0) {
    const n = facts.deployments === 1 ? "1 deployment" : `${facts.deployments} deployments`;
    reasons.push(
      `deployments: "${facts.name}" has a deployment history (${n}); deleting it would erase that record`,
    );
  }
  return reasons;
}

/**
 * Throws PRECONDITION_FAILED naming every blocker and its field when the environment may not be
 * deleted.
 */
export function assertDeletable(facts: DeletionFacts): void {
  const reasons = deletionBlockers(facts);
  if (reasons.length === 0) return;
  const fields = fieldMessages(
    reasons.map((reason) => {
      const field = reason.slice(0, reason.indexOf(":"));
      return { field, message: reason.slice(field.length + 2) };
    }),
  );
  throw new AppError("PRECONDITION_FAILED", reasons.join(" · "), { fields });
}
