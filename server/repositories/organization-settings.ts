// An organization's guardrail settings.
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { productionGuardOn } from "../domain/references/rules";

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** The organization's guardrail settings. */
export async function organizationSettings(
  organizationId: string,
  tx: Tx = prisma(),
): Promise<{ requireProductionPresets: boolean; refuseProductionReferences: boolean }> {
  const row = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { settings: true },
  });
  const settings = (row?.settings ?? {}) as Record<string, unknown>;
  return {
    requireProductionPresets: settings.requireProductionPresets === true,
    refuseProductionReferences: productionGuardOn(settings),
  };
}

export async function setRequireProductionPresets(
  tx: Tx,
  organizationId: string,
  value: boolean,
): Promise<void> {
  await setSetting(tx, organizationId, "requireProductionPresets", value);
}

/** Whether a non-production environment may be refused a production artifact (on by default). */
export async function setRefuseProductionReferences(
  tx: Tx,
  organizationId: string,
  value: boolean,
): Promise<void> {
  await setSetting(tx, organizationId, "refuseProductionReferences", value);
}

async function setSetting(tx: Tx, organizationId: string, key: string, value: boolean) {
  const row = await tx.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { settings: true },
  });
  await tx.organization.update({
    where: { id: organizationId },
    data: { settings: json({ ...(row.settings as object), [key]: value }) },
  });
}
