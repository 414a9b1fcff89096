import type { Role } from "../domain/roles";

export interface Actor {
  type: "user" | "token" | "system" | "anonymous";
  id?: string;
  /** email for users, token name for tokens */
  label: string;
  role?: Role;
}

export interface RequestMeta {
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

/** Who acts and the request they act in: what every event of a request records. */
export interface AuditContext {
  actor: Actor;
  meta: RequestMeta;
}

interface AuditTarget {
  type: string;
  id?: string;
  projectId?: string;
  environmentId?: string;
  componentId?: string;
}

/** What a write says about itself; the audit path adds actor, request, time and the chain. */
export interface AuditInput {
  organizationId: string | null;
  action: string;
  outcome?: "success" | "denied" | "failure";
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
}

/** The event a change was recorded under: its id and time (its history rows carry both). */
export interface RecordedEvent {
  id: string;
  at: Date;
}

export const GLOBAL_CHAIN = "global";
export const GENESIS_HASH = "0".repeat(64);
