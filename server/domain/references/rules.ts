// Remote references: an input slot filled from outside its project, by another project's
// publication or an organization's imported artifact. Pure rules, shared by the server (which
// enforces them on every write) and the inspector (which explains a refusal before it happens).
import { AppError } from "../errors";

/** Who may see a publication: every project of the organization, or the ones it names. */
export function publicationVisibleTo(
  publication: { projectId: string; audience: readonly string[] },
  projectId: string,
): boolean {
  if (publication.projectId === projectId) return false; // a project links its own outputs
  return publication.audience.length === 0 || publication.audience.includes(projectId);
}

/**
 * The borrowers an audience would leave out: every one whose project it does not name (an
 * empty audience is every project, so it leaves none out).
 */
export function borrowersOutside<B extends { projectId: string }>(
  audience: readonly string[],
  borrowers: readonly B[],
): B[] {
  return audience.length === 0 ? [] : borrowers.filter((b) => !audience.includes(b.projectId));
}

/** What the production guardrail needs to decide one reference. */
export interface ReferenceGuardFacts {
  /** The borrowing environment is production-class. */
  borrowerProduction: boolean;
  /** The artifact comes from a production environment (or is imported as production). */
  sourceProduction: boolean;
  /** The organization's setting (on unless turned off). */
  guardOn: boolean;
  /** An owner's reason to let this one through, when given. */
  overrideReason: string | null;
  /** The caller is an owner (only owners may override). */
  callerIsOwner: boolean;
}

/**
 * Refuses a non-production environment borrowing a production artifact while the guardrail is
 * on, unless an owner gives a reason. Returns whether the override was used (it is audited).
 */
export function assertReferenceAllowed(facts: ReferenceGuardFacts): { overridden: boolean } {
  if (!facts.guardOn || facts.borrowerProduction || !facts.sourceProduction)
    return { overridden: false };
  const reason = facts.overrideReason?.trim() ?? "";
  if (reason && facts.callerIsOwner) return { overridden: true };
  const message = reason
    ? "overrideReason: only an owner may let a non-production environment borrow a production artifact"
    : "source: a non-production environment may not reference a production artifact (an owner may override with a reason)";
  throw new AppError(reason ? "FORBIDDEN" : "BAD_REQUEST", message, {
    fields: {
      [reason ? "overrideReason" : "source"]: [
        reason
          ? "only an owner may override"
          : "production artifact from a non-production environment",
      ],
    },
  });
}

/** One borrower of an artifact, as refusals and "who can reach this" name it. */
export interface Borrower {
  project: string;
  environment: string;
  component: string;
  slot: string;
}

function describeBorrower(b: Borrower): string {
  return `${b.project}/${b.environment}: ${b.component}.${b.slot}`;
}

/**
 * Refuses `what` (unpublishing, deleting, destroying) while anything borrows the artifact,
 * listing every borrower.
 */
export function assertNotBorrowed(what: string, borrowers: readonly Borrower[]): void {
  if (borrowers.length === 0) return;
  const list = borrowers.map(describeBorrower).join(", ");
  throw new AppError(
    "CONFLICT",
    `${what}: still borrowed by ${list}; remove those references first`,
    {
      borrowers: borrowers.map((b) => ({ ...b })),
    },
  );
}

/** The organization setting, read from its settings bag: on unless set to false. */
export function productionGuardOn(settings: unknown): boolean {
  if (!settings || typeof settings !== "object") return true;
  return (settings as Record<string, unknown>).refuseProductionReferences !== false;
}
