// Publishing: a project offers chosen output artifacts of its environments to the other
// projects of its organization (every one, or those named). Unpublishing is refused while any
// slot borrows the artifact, naming the borrowers.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import type { Tx } from "../db";
import { bundleRef } from "../domain/graph/types";
import { AppError } from "../domain/errors";
import { assertNotBorrowed, borrowersOutside } from "../domain/references/rules";
import { loadStructure } from "../repositories/diagram";
import { listProjects } from "../repositories/projects";
import * as repo from "../repositories/publications";
import { loadCatalog } from "../rules/catalog";

interface EnvironmentScope {
  id: string;
  slug: string;
  projectId: string;
  organizationId: string;
}

export const listPublications = (projectId: string) => repo.publicationsOfProject(projectId);

const view = (p: repo.PublicationDto) => ({
  project: p.project,
  environment: p.environment,
  component: p.component,
  artifact: p.artifact,
  type: p.type,
  audience: p.audience,
});

/** Every project named is another project of the organization. */
async function assertAudience(
  scope: { organizationId: string; projectId: string },
  audience: readonly string[],
) {
  const projects = await listProjects(scope.organizationId);
  audience.forEach((id, i) => {
    if (!projects.some((p) => p.id === id && p.id !== scope.projectId))
      throw new AppError("BAD_REQUEST", `audience.${i}: not another project of this organization`, {
        fields: { [`audience.${i}`]: ["is not another project of this organization"] },
      });
  });
}

export async function publish(
  ctx: AuditContext,
  env: EnvironmentScope,
  input: { componentId: string; artifact: string; audience: string[] },
): Promise<repo.PublicationDto> {
  await assertAudience(env, input.audience);
  return auditedWrite(ctx, async (tx) => {
    const [stored, catalog] = await Promise.all([
      loadStructure(env.projectId, tx),
      loadCatalog(env.organizationId, tx),
    ]);
    const component = stored?.diagram.components.find((c) => c.id === input.componentId);
    if (!component) throw new AppError("NOT_FOUND", "componentId: not a component of this project");
    const bundle = catalog.bundles.get(bundleRef(component.bundle, component.version));
    const output = bundle?.artifacts.find((a) => a.key === input.artifact);
    if (!output)
      throw new AppError(
        "BAD_REQUEST",
        `artifact: ${component.bundle}@${component.version} has no output "${input.artifact}"`,
        { fields: { artifact: ["is not an output of the component's bundle"] } },
      );
    const at = { environmentId: env.id, componentId: component.id, artifact: output.key };
    if (await repo.publicationExists(tx, at))
      throw new AppError(
        "CONFLICT",
        `artifact: ${component.name}.${output.key} is already published in ${env.slug}`,
      );
    const publication = await repo.insertPublication(tx, {
      organizationId: env.organizationId,
      projectId: env.projectId,
      ...at,
      typeName: output.type,
      audience: [...new Set(input.audience)],
    });
    return {
      result: publication,
      touched: [],
      audit: {
        organizationId: env.organizationId,
        action: "publication.published",
        target: {
          type: "publication",
          id: publication.id,
          projectId: env.projectId,
          environmentId: env.id,
          componentId: component.id,
        },
        after: view(publication),
      },
    };
  });
}

/** The project's publication, locked for the rest of the transaction; NOT_FOUND otherwise. */
async function lockedPublication(tx: Tx, projectId: string, publicationId: string) {
  await repo.lockPublication(tx, publicationId);
  const publication = await repo.findPublication(publicationId, tx);
  if (!publication || publication.projectId !== projectId)
    throw new AppError("NOT_FOUND", "publicationId: no such publication in this project");
  return publication;
}

export async function unpublish(
  ctx: AuditContext,
  scope: { organizationId: string; projectId: string },
  publicationId: string,
): Promise<{ id: string }> {
  return auditedWrite(ctx, async (tx) => {
    const publication = await lockedPublication(tx, scope.projectId, publicationId);
    assertNotBorrowed(
      `publicationId: ${publication.component}.${publication.artifact} (${publication.environment})`,
      await repo.borrowersOf({ publicationId }, tx),
    );
    await repo.deletePublication(tx, publicationId);
    return {
      result: { id: publicationId },
      touched: [],
      audit: {
        organizationId: scope.organizationId,
        action: "publication.unpublished",
        target: {
          type: "publication",
          id: publicationId,
          projectId: scope.projectId,
          environmentId: publication.environmentId,
        },
        before: view(publication),
      },
    };
  });
}

/**
 * Changes who a publication is offered to: every project (`[]`) or the ones named. Refused, with
 * the borrowers listed, when it would leave out a project that borrows it.
 */
export async function setAudience(
  ctx: AuditContext,
  scope: { organizationId: string; projectId: string },
  publicationId: string,
  audience: string[],
): Promise<repo.PublicationDto> {
  await assertAudience(scope, audience);
  const next = [...new Set(audience)];
  return auditedWrite(ctx, async (tx) => {
    const publication = await lockedPublication(tx, scope.projectId, publicationId);
    assertNotBorrowed(
      `audience: leaving out projects that borrow ${publication.component}.${publication.artifact} (${publication.environment})`,
      borrowersOutside(next, await repo.borrowersWithProject(publicationId, tx)),
    );
    const updated = await repo.setAudience(tx, publicationId, next);
    return {
      result: updated,
      touched: [],
      audit: {
        organizationId: scope.organizationId,
        action: "publication.audience_changed",
        target: {
          type: "publication",
          id: publicationId,
          projectId: scope.projectId,
          environmentId: publication.environmentId,
        },
        before: { audience: publication.audience },
        after: { audience: updated.audience },
      },
    };
  });
}
