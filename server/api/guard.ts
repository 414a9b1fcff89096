// The role and tenant check behind every scoped procedure (procedures.ts builds them; handlers
// never call these). A user reaches an organization's data only through a membership, an API
// token only inside its own organization with its own role; anything else is refused, and the
// refusal is written to the audit trail. Another organization's project answers "not found"
// so its existence does not leak.
import { recordAuditEvent } from "../audit/write";
import { AppError } from "../domain/errors";
import { atLeast, describeMinimum, type Role } from "../domain/roles";
import { type EnvironmentRefDto, findEnvironmentRef } from "../repositories/environment-defaults";
import { findProjectAccess } from "../repositories/projects";
import { findRole } from "../repositories/users";
import { actorOf } from "./context";
import type { ProtectedContext } from "./trpc";

/** The caller's standing in an organization. */
export interface Access {
  organizationId: string;
  role: Role;
}

type Target = { type: string; id?: string; projectId?: string };

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
  target: Target,
  error: AppError,
  role?: Role,
): Promise<never> {
  await recordAuditEvent(
    { actor: actorOf(ctx.principal, role), meta: ctx.meta },
    { organizationId, action, outcome: "denied", target, after: { reason: error.message } },
  );
  throw error;
}

/**
 * `role`, the caller's in `organizationId` (null: none), if it is at least `minimum`; refused (and
 * recorded) otherwise.
 */
async function roleAtLeast(
  ctx: ProtectedContext,
  organizationId: string,
  role: Role | null,
  minimum: Role,
  action: string,
  target: Target,
  notFound: AppError,
  // Whether an outsider's attempt is recorded in the organization's own chain (its owners should
  // see who tried) or in the global one (an organization id the caller merely named).
  outsiderInOrganization: boolean,
): Promise<Access> {
  if (!role)
    return deny(ctx, outsiderInOrganization ? organizationId : null, action, target, notFound);
  if (!atLeast(role, minimum)) {
    const message = `This needs the ${describeMinimum(minimum)} role; you are ${role}`;
    return deny(ctx, organizationId, action, target, new AppError("FORBIDDEN", message), role);
  }
  return { organizationId, role };
}

/** Requires membership of `organizationId` with at least `minimum`; `action` names the attempt. */
export async function requireOrganization(
  ctx: ProtectedContext,
  organizationId: string,
  minimum: Role,
  action: string,
): Promise<Access> {
  const target = { type: "organization", id: organizationId };
  const notFound = new AppError("NOT_FOUND", "Organization not found");
  const role = await roleIn(ctx, organizationId);
  return roleAtLeast(ctx, organizationId, role, minimum, action, target, notFound, false);
}

/** Requires access to the project's organization with at least `minimum`. */
export async function requireProject(
  ctx: ProtectedContext,
  projectId: string,
  minimum: Role,
  action: string,
): Promise<Access> {
  const { principal } = ctx;
  // A user's membership comes with the project's organization, in the same query.
  const found = await findProjectAccess(
    projectId,
    principal.kind === "user" ? principal.user.id : null,
  );
  const target = { type: "project", id: projectId, projectId };
  const notFound = new AppError("NOT_FOUND", "Project not found");
  if (!found) return deny(ctx, null, action, target, notFound);
  const { organizationId } = found;
  const role = principal.kind === "user" ? found.role : await roleIn(ctx, organizationId);
  return roleAtLeast(ctx, organizationId, role, minimum, action, target, notFound, true);
}

/**
 * Tenancy through the environment's project; an unknown environment is refused (and recorded) like
 * an unknown project.
 */
export async function requireEnvironment(
  ctx: ProtectedContext,
  environmentId: string,
  minimum: Role,
  action: string,
): Promise<Access & { environment: EnvironmentRefDto }> {
  const environment = await findEnvironmentRef(environmentId);
  if (!environment) {
    const target = { type: "environment", id: environmentId };
    return deny(ctx, null, action, target, new AppError("NOT_FOUND", "Environment not found"));
  }
  return { ...(await requireProject(ctx, environment.projectId, minimum, action)), environment };
}
