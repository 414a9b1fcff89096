// Procedures that declare their caller: each builder names the scope a procedure's input points
// into (an organization, a project, an environment) and the least role it needs there. It reads
// the scope's id from the input (its base schema, merged with the procedure's own), resolves
// the caller's role there — a member's membership, a token's own role inside its organization —
// refuses and records who may not, and hands the handler `ctx.access` (organization, project,
// role) and `ctx.audit` (the actor with its role, and the request). Handlers destructure and
// delegate; the role each procedure needs is in its meta, so the matrix reads from the code.
import { z } from "zod";
import type { AuditContext } from "../audit/types";
import { AppError } from "../domain/errors";
import type { Role } from "../domain/roles";
import { findOrganizationBySlug } from "../repositories/organizations";
import { actorOf } from "./context";
import { type Access, requireEnvironment, requireOrganization, requireProject } from "./guard";
import { id, slug } from "./schemas";
import { type ProtectedContext, protectedProcedure } from "./trpc";

/** The context a scoped handler sees: its access, and the audit identity acting with that role. */
function scoped<A extends Access>(ctx: ProtectedContext, access: A) {
  const audit: AuditContext = { actor: actorOf(ctx.principal, access.role), meta: ctx.meta };
  return { ...ctx, access, audit };
}

/** Reads or changes one organization's things: `{ organizationId }` in the input. */
export function organizationProcedure(minimum: Role, action: string) {
  return protectedProcedure
    .meta({ scope: "organization", minimum, action })
    .input(z.object({ organizationId: id }))
    .use(async ({ ctx, input, next }) => {
      const access = await requireOrganization(ctx, input.organizationId, minimum, action);
      return next({ ctx: scoped(ctx, access) });
    });
}

/**
 * An organization named by its slug (`{ slug }`), as the address bar has it; `ctx.organization`
 * is the one found. An unknown slug is "not found" without an audit event: nothing was tried.
 */
export function organizationBySlugProcedure(minimum: Role, action: string) {
  return protectedProcedure
    .meta({ scope: "organization", minimum, action })
    .input(z.object({ slug }))
    .use(async ({ ctx, input, next }) => {
      const organization = await findOrganizationBySlug(input.slug);
      if (!organization) throw new AppError("NOT_FOUND", "Organization not found");
      const access = await requireOrganization(ctx, organization.id, minimum, action);
      return next({ ctx: { ...scoped(ctx, access), organization } });
    });
}

/** Reads or changes one project's things: `{ projectId }` in the input, its organization's role. */
export function projectProcedure(minimum: Role, action: string) {
  return protectedProcedure
    .meta({ scope: "project", minimum, action })
    .input(z.object({ projectId: id }))
    .use(async ({ ctx, input, next }) => {
      const { projectId } = input;
      const access = await requireProject(ctx, projectId, minimum, action);
      return next({ ctx: scoped(ctx, { ...access, projectId }) });
    });
}

/**
 * Reads or changes one environment's things: `{ environmentId }` in the input, through its project.
 */
export function environmentProcedure(minimum: Role, action: string) {
  return protectedProcedure
    .meta({ scope: "environment", minimum, action })
    .input(z.object({ environmentId: id }))
    .use(async ({ ctx, input, next }) => {
      const access = await requireEnvironment(ctx, input.environmentId, minimum, action);
      const projectId = access.environment.projectId;
      return next({ ctx: scoped(ctx, { ...access, projectId }) });
    });
}
