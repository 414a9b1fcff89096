// What a ghost node says of the artifact it stands for, in a borrower's words: does it exist
// (deployed by its owner, or imported by ops), and when did it last change. The owner instance's
// own status ("draft" while a plan is being edited) is the owner's business, not the borrower's.
import { relativeTime } from "@/components/audit/format";

export interface Availability {
  state: "produced" | "not-produced" | "imported" | "missing";
  updatedAt: Date | null;
  ownerStatus: string | null;
}

/** One line: "deployed · updated 5 min ago", "not deployed yet", "imported · …", "missing …". */
export function ghostStatus(a: Availability, now: Date): { text: string; ok: boolean } {
  const updated = a.updatedAt ? ` · updated ${relativeTime(a.updatedAt, now)}` : "";
  switch (a.state) {
    case "produced":
      return { text: `deployed${updated}`, ok: true };
    case "imported":
      return { text: `imported${updated}`, ok: true };
    case "not-produced":
      return { text: "not deployed yet: deployments here are blocked", ok: false };
    default:
      return { text: "missing: no longer published", ok: false };
  }
}
