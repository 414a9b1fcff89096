// Recording what an instance produced: the payload of one of its output slots, validated
// against the slot's artifact type, sensitive fields sealed like an environment default's.
// Deployments will write these when they finish; until then ops records the outputs of
// infrastructure that already runs (adopting it), and lines into it stop being previews.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import { AppError } from "../domain/errors";
import { listArtifactTypes } from "../repositories/catalog-reads";
import { upsertInstanceOutput } from "../repositories/access";
import * as repo from "../repositories/secrets";
import { assertPayload, sealPayload } from "./artifact-payload";
import { ensureShownInstance, type SecretTarget } from "./service";

export async function recordOutputs(
  ctx: AuditContext,
  t: SecretTarget,
  slot: string,
  payload: Record<string, unknown>,
) {
  return auditedWrite(ctx, async (tx) => {
    const target = await repo.findSecretTarget(t.projectId, t.componentId, t.environmentId, tx);
    if (!target)
      throw new AppError("NOT_FOUND", "Component or environment not found in this project");
    const { component } = target;
    const bundle = await repo.findBundleDefinition(
      t.organizationId,
      component.bundleName,
      component.version,
      tx,
    );
    const output = bundle?.artifacts.find((a) => a.key === slot);
    if (!bundle || !output) {
      const outputs = bundle?.artifacts.map((a) => a.key).join(", ") || "none";
      throw new AppError(
        "BAD_REQUEST",
        `slot: "${slot}" is not an output of ${component.bundleName}@${component.version} (outputs: ${outputs})`,
        { fields: { slot: ["is not an output of this component"] } },
      );
    }
    const type = (await listArtifactTypes(t.organizationId, tx)).find(
      (x) => x.name === output.type,
    );
    if (!type)
      throw new AppError(
        "BAD_REQUEST",
        `slot: its artifact type "${output.type}" is not in the catalog`,
      );
    assertPayload(type, payload);
    const instanceId = await ensureShownInstance(tx, t, bundle, target.environment);
    const { publicPayload, sealed, fingerprints } = sealPayload(type, payload, t.organizationId);
    await upsertInstanceOutput(tx, {
      organizationId: t.organizationId,
      environmentId: t.environmentId,
      instanceId,
      slot,
      name: `${component.name}.${slot}`,
      type: type.name,
      payload: publicPayload,
      sensitive: sealed,
    });
    return {
      result: { slot, type: type.name, sensitive: Object.keys(fingerprints) },
      audit: {
        organizationId: t.organizationId,
        action: "outputs.recorded",
        target: {
          type: "instance",
          id: `${t.componentId}/${t.environmentId}`,
          projectId: t.projectId,
          componentId: t.componentId,
          environmentId: t.environmentId,
        },
        after: {
          component: component.name,
          environment: target.environment.slug,
          slot,
          payload: publicPayload,
          fingerprints,
        },
      },
    };
  });
}
