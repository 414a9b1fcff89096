// Remote references: a developer fills one input slot of a component, in one environment, from
// another project's publication or from an imported artifact. The reference wins over a line
// and an environment default (server/domain/access/resolve.ts). Every write checks the slot's
// type, the publication's audience and the production guardrail; an owner's override is audited.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import type { Tx } from "../db";
import type { Role } from "../domain/roles";
import { AppError } from "../domain/errors";
import { bundleRef } from "../domain/graph/types";
import { assertReferenceAllowed, publicationVisibleTo } from "../domain/references/rules";
import { loadStructure } from "../repositories/diagram";
import { findImportedArtifact, listImportedArtifacts } from "../repositories/imported-artifacts";
import { getProject } from "../repositories/projects";
import { findPublication, lockPublication, publicationsOfType } from "../repositories/publications";
import * as repo from "../repositories/slot-references";
import { loadCatalog } from "../rules/catalog";

export interface EnvironmentScope {
  id: string;
  slug: string;
  projectId: string;
  organizationId: string;
}

interface At {
  componentId: string;
  slot: string;
}

/** The slot's type and the borrowing environment's class, or a refusal naming the field. */
async function slotOf(env: EnvironmentScope, at: At, tx?: Tx) {
  const [stored, catalog, project] = await Promise.all([
    loadStructure(env.projectId, tx),
    loadCatalog(env.organizationId, tx),
    getProject(env.projectId, tx),
  ]);
  const component = stored?.diagram.components.find((c) => c.id === at.componentId);
  if (!component) throw new AppError("NOT_FOUND", "componentId: not a component of this project");
  const bundle = catalog.bundles.get(bundleRef(component.bundle, component.version));
  const slot = bundle?.connections.find((s) => s.key === at.slot);
  if (!slot)
    throw new AppError("BAD_REQUEST", `slot: ${component.name} has no input slot "${at.slot}"`, {
      fields: { slot: ["is not an input slot of the component"] },
    });
  const production = project?.environments.find((e) => e.id === env.id)?.class === "production";
  return { component, slot, type: catalog.types.get(slot.type), production, catalog };
}

/** What a slot may reference: visible publications and imported artifacts of its type. */
export async function referenceOptions(env: EnvironmentScope, at: At) {
  const { slot } = await slotOf(env, at);
  const publications = (await publicationsOfType(env.organizationId, slot.type)).filter((p) =>
    publicationVisibleTo(p, env.projectId),
  );
  const imported = (await listImportedArtifacts(env.organizationId))
    .filter((a) => a.type === slot.type)
    .map((a) => ({ id: a.id, name: a.name, type: a.type, production: a.production }));
  return { type: slot.type, publications, imported };
}

/**
 * The environment's references, each with where its value comes from and what a borrower cares
 * about: whether the artifact exists (the owner produced it, or it is imported), when it last
 * changed, and the owner instance's status.
 */
export async function environmentReferences(environmentId: string) {
  const refs = await repo.referencesOfEnvironment(environmentId);
  return Promise.all(
    refs.map(async (r) => {
      if (r.imported)
        return {
          ...r,
          availability: {
            state: "imported" as const,
            updatedAt: r.imported.updatedAt,
            ownerStatus: null,
          },
        };
      if (!r.publication)
        return {
          ...r,
          availability: { state: "missing" as const, updatedAt: null, ownerStatus: null },
        };
      const out = await repo.publishedOutput(r.publication);
      const state = out.payload ? ("produced" as const) : ("not-produced" as const);
      return { ...r, availability: { state, updatedAt: out.updatedAt, ownerStatus: out.status } };
    }),
  );
}

export interface SetInput extends At {
  publicationId?: string | null;
  importedArtifactId?: string | null;
  policies?: string[];
  overrideReason?: string | null;
}

async function sourceOf(tx: Tx | undefined, env: EnvironmentScope, input: SetInput) {
  if (!input.publicationId === !input.importedArtifactId)
    throw new AppError(
      "BAD_REQUEST",
      "source: give exactly one of publicationId and importedArtifactId",
      {
        fields: { source: ["exactly one of publicationId, importedArtifactId"] },
      },
    );
  if (input.publicationId) {
    // Held until the write commits, so the publication cannot be withdrawn under it.
    if (tx) await lockPublication(tx, input.publicationId);
    const p = await findPublication(input.publicationId, tx);
    if (!p || p.organizationId !== env.organizationId || !publicationVisibleTo(p, env.projectId))
      throw new AppError("NOT_FOUND", "publicationId: no publication offered to this project");
    return {
      type: p.type,
      production: p.production,
      label: `${p.project}/${p.environment}: ${p.component}.${p.artifact}`,
    };
  }
  const a = await findImportedArtifact(env.organizationId, input.importedArtifactId!, tx);
  if (!a) throw new AppError("NOT_FOUND", "importedArtifactId: no such imported artifact");
  return { type: a.type, production: a.production, label: `imported: ${a.name}` };
}

/**
 * Every check `reference.set` makes — the slot's type, the publication's audience, the policies
 * the type offers and the production guardrail for `role` — without writing. Shared by setting
 * a reference and by promoting one, so both refuse for the same reasons.
 */
export async function checkReference(env: EnvironmentScope, input: SetInput, role: Role, tx?: Tx) {
  const { component, slot, type, production, catalog } = await slotOf(env, input, tx);
  const source = await sourceOf(tx, env, input);
  if (source.type !== slot.type)
    throw new AppError(
      "BAD_REQUEST",
      `source: a ${source.type} cannot fill slot "${slot.key}" (${slot.type})`,
      {
        fields: { source: [`must be of type ${slot.type}`] },
      },
    );
  const policies = [...new Set(input.policies ?? [])];
  policies.forEach((p, i) => {
    if (!type?.policies.some((x) => x.id === p))
      throw new AppError("BAD_REQUEST", `policies.${i}: ${slot.type} offers no policy "${p}"`, {
        fields: { [`policies.${i}`]: ["is not a policy of the type"] },
      });
  });
  const { overridden } = assertReferenceAllowed({
    borrowerProduction: production,
    sourceProduction: source.production,
    guardOn: catalog.settings.refuseProductionReferences,
    overrideReason: input.overrideReason ?? null,
    callerIsOwner: role === "owner",
  });
  const overrideReason = overridden ? input.overrideReason!.trim() : null;
  return { component, slot: slot.key, source, policies, overrideReason };
}

type Checked = Awaited<ReturnType<typeof checkReference>>;

/** Writes a checked reference; what an audit event says of it. */
export async function writeReference(tx: Tx, env: EnvironmentScope, input: SetInput, c: Checked) {
  const reference = await repo.upsertReference(tx, {
    organizationId: env.organizationId,
    projectId: env.projectId,
    environmentId: env.id,
    componentId: c.component.id,
    slot: c.slot,
    publicationId: input.publicationId ?? null,
    importedArtifactId: input.importedArtifactId ?? null,
    policies: c.policies,
    overrideReason: c.overrideReason,
  });
  const described = {
    component: c.component.name,
    slot: c.slot,
    source: c.source.label,
    policies: c.policies,
    ...(c.overrideReason ? { overrideReason: c.overrideReason } : {}),
  };
  return { reference, described };
}

export async function setReference(
  ctx: AuditContext & { role: Role },
  env: EnvironmentScope,
  input: SetInput,
) {
  return auditedWrite(ctx, async (tx) => {
    const checked = await checkReference(env, input, ctx.role, tx);
    const { reference, described } = await writeReference(tx, env, input, checked);
    return {
      result: reference,
      touched: [{ projectId: env.projectId, environmentId: env.id }],
      audit: {
        organizationId: env.organizationId,
        action: checked.overrideReason ? "reference.set_with_override" : "reference.set",
        target: targetOf(env, checked.component.id),
        after: described,
      },
    };
  });
}

function targetOf(env: EnvironmentScope, componentId: string) {
  return {
    type: "instance",
    id: `${componentId}/${env.id}`,
    projectId: env.projectId,
    environmentId: env.id,
    componentId,
  };
}

export async function clearReference(ctx: AuditContext, env: EnvironmentScope, at: At) {
  return auditedWrite(ctx, async (tx) => {
    const before = await repo.findReference(tx, { environmentId: env.id, ...at });
    if (!before)
      throw new AppError(
        "NOT_FOUND",
        `slot: "${at.slot}" holds no remote reference in ${env.slug}`,
      );
    await repo.deleteReference(tx, { environmentId: env.id, ...at });
    return {
      result: { slot: at.slot },
      touched: [{ projectId: env.projectId, environmentId: env.id }],
      audit: {
        organizationId: env.organizationId,
        action: "reference.cleared",
        target: targetOf(env, at.componentId),
        before: {
          slot: at.slot,
          publicationId: before.publication?.id ?? null,
          importedArtifactId: before.imported?.id ?? null,
        },
      },
    };
  });
}
