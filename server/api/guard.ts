// The role and tenant guard every procedure uses. A user reaches an organization's data only
// through a membership, an API token only inside its own organization with its own role;
// anything else is refused, and the refusal is written to the audit
// trail. Another organization's project answers "not found" so its existence does not leak.
import type { Actor } from "../audit/types";
import { recordAuditEvent } from "../audit/write";
import { AppError } from "../domain/errors";
import { atLeast, describeMinimum, type Role } from "../domain/roles";
import { findProjectOrganization } from "../repositories/projects";
import { findRole } from "../repositories/users";
import { actorOf } from "./context";
import type { ProtectedContext } from "./trpc";

export interface Access {
  organizationId: string;
  role: Role;
  actor: Actor;
}

function actorFor(ctx: ProtectedContext, role?: Role): Actor {
  return actorOf(ctx.principal, role);
}

/** The caller's role in an organization: a token's own role replaces the membership lookup. */
async function roleIn(ctx: ProtectedContext, organizationId: string): Promise<Role | null> {
  const { principal } = ctx;
  if (principal.kind === "token")
    return principal.token.organizationId === organizationId ? principal.token.role : null;
  return findRole(principal.user.id, organizationId);
}

async function deny(
  ctx: ProtectedContext,
  organizationId: string | null,
  action: string,
  target: { type: string; id?: string; projectId?: string },
  error: AppError,
  role?: Role,
): Promise<never> {
  await recordAuditEvent(
    { actor: actorFor(ctx, role), meta: ctx.meta },
    { organizationId, action, outcome: "denied", target, after: { reason: error.message } },
  );
  throw error;
}

/** Requires membership of `organizationId` with at least `minimum`; `action` names the attempt. */
export async function requireOrganization(
  ctx: ProtectedContext,
  organizationId: string,
  minimum: Role,
  action: string,
): Promise<Access> {
  const role = await roleIn(ctx, organizationId);
  const target = { type: "organization", id: organizationId };
  if (!role)
    return deny(ctx, null, action, target, new AppError("NOT_FOUND", "Organization not found"));
  if (!atLeast(role, minimum)) {
    return deny(
      ctx,
      organizationId,
      action,
      target,
      new AppError("FORBIDDEN", `This needs the ${describeMinimum(minimum)} role; you are ${role}`),
      role,
    );
  }
  return { organizationId, role, actor: actorFor(ctx, role) };
}

/** Requires access to the project's organization with at least `minimum`. */
export async function requireProject(
  ctx: ProtectedContext,
  projectId: string,
  minimum: Role,
  action: string,
): Promise<Access> {
  const organizationId = await findProjectOrganization(projectId);
  const target = { type: "project", id: projectId, projectId };
  const notFound = new AppError("NOT_FOUND", "Project not found");
  if (!organizationId) return deny(ctx, null, action, target, notFound);
  const role = await roleIn(ctx, organizationId);
  // Recorded in the project's own organization: its owners should see who tried.
  if (!role) return deny(ctx, organizationId, action, target, notFound);
  if (!atLeast(role, minimum)) {
    return deny(
      ctx,
      organizationId,
      action,
      target,
      new AppError("FORBIDDEN", `This needs the ${describeMinimum(minimum)} role; you are ${role}`),
      role,
    );
  }
  return { organizationId, role, actor: actorFor(ctx, role) };
}
