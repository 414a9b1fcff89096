// An organization's guardrail settings.
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** The organization's guardrail settings. */
export async function organizationSettings(
  organizationId: string,
  tx: Tx = prisma(),
): Promise<{ requireProductionPresets: boolean }> {
  const row = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { settings: true },
  });
  const settings = (row?.settings ?? {}) as Record<string, unknown>;
  return { requireProductionPresets: settings.requireProductionPresets === true };
}

export async function setRequireProductionPresets(
  tx: Tx,
  organizationId: string,
  value: boolean,
): Promise<void> {
  const row = await tx.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { settings: true },
  });
  await tx.organization.update({
    where: { id: organizationId },
    data: { settings: json({ ...(row.settings as object), requireProductionPresets: value }) },
  });
}
