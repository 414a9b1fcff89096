// How Patchbay writes a moment for people: UTC throughout (the audit log, history, notices),
// so two readers in different time zones see the same text.

/** "2025-03-01 14:05:09 UTC" */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
