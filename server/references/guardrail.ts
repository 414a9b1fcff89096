// The organization's reference guardrail: whether a non-production environment is refused a
// production artifact (on by default). Owners change it; the change is audited.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import * as settings from "../repositories/organization-settings";

export async function setReferenceGuardrail(
  ctx: AuditContext,
  organizationId: string,
  refuse: boolean,
): Promise<{ refuseProductionReferences: boolean }> {
  return auditedWrite(ctx, async (tx) => {
    const before = await settings.organizationSettings(organizationId, tx);
    await settings.setRefuseProductionReferences(tx, organizationId, refuse);
    return {
      result: { refuseProductionReferences: refuse },
      touched: [],
      audit: {
        organizationId,
        action: "organization.guardrail_changed",
        target: { type: "organization", id: organizationId },
        before: { refuseProductionReferences: before.refuseProductionReferences },
        after: { refuseProductionReferences: refuse },
      },
    };
  });
}

export async function referenceGuardrail(organizationId: string) {
  const { refuseProductionReferences } = await settings.organizationSettings(organizationId);
  return { refuseProductionReferences };
}
