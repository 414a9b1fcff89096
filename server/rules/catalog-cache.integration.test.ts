// The catalog kept per organization: reused while nothing it is made of changed, read again as
// soon as anything did — also when another process made the change (here: straight in the
// database, behind this process's back).
import { expect, it } from "vitest";
import { loadCatalog } from "@/server/rules/catalog";
import { forEachDatabase, type Harness } from "@/test/integration";

forEachDatabase("catalog kept per organization", (h: Harness) => {
  const acme = async () =>
    (await h.db().prisma.organization.findUniqueOrThrow({ where: { slug: "acme" } })).id;

  it("is the same catalog while nothing changed, and a fresh one after any change", async () => {
    const org = await acme();
    const first = await loadCatalog(org);
    expect(await loadCatalog(org)).toBe(first);

    // A published version is offered to older instances (as another process would write it).
    const version = await h.db().prisma.presetVersion.findFirstOrThrow({
      where: { status: "published" },
      select: { id: true, offeredAt: true },
    });
    const offered = version.offeredAt === null;
    await h
      .db()
      .sql.query(`UPDATE "PresetVersion" SET "offeredAt" = $2 WHERE id = $1`, [
        version.id,
        offered ? new Date() : null,
      ]);
    const afterOffer = await loadCatalog(org);
    expect(afterOffer).not.toBe(first);
    const seen = afterOffer.presets.flatMap((p) => p.versions).find((v) => v.id === version.id);
    expect(seen?.offered).toBe(offered);

    // The organization's guardrail setting flips.
    const before = afterOffer.settings.requireProductionPresets;
    await h
      .db()
      .sql.query(
        `UPDATE "Organization" SET settings = jsonb_set(settings, '{requireProductionPresets}', $2::jsonb) WHERE id = $1`,
        [org, JSON.stringify(!before)],
      );
    const afterSettings = await loadCatalog(org);
    expect(afterSettings.settings.requireProductionPresets).toBe(!before);

    // Another organization's catalog is its own.
    const other = await h.db().prisma.organization.findFirstOrThrow({
      where: { id: { not: org } },
      select: { id: true },
    });
    expect((await loadCatalog(other.id)).organizationId).toBe(other.id);
    expect(await loadCatalog(org)).toBe(afterSettings);
  });
});
