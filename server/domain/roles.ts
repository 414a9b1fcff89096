/** Organization roles, most privileged first. */
export const ROLES = ["owner", "ops", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { owner: 3, ops: 2, developer: 1, viewer: 0 };

/** True when `role` grants at least what `minimum` grants (owner ⊇ ops ⊇ developer ⊇ viewer). */
export function atLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

/** "developer or above" — for messages that tell a user what they lack. */
export function describeMinimum(minimum: Role): string {
  return minimum === "owner" ? "owner" : `${minimum} or above`;
}
