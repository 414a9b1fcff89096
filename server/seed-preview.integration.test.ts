// The demo's preview: pr-7 of ecommerce-api, forked from staging for pull request #7 with its
// image override, expiring in a week; seeding again changes nothing.
import { expect, it } from "vitest";
import { forEachDatabase, ONE_DATABASE } from "@/test/integration";
import { seedDemoDiagram } from "./seed-diagram";
import { seedDemoPreview } from "./seed-preview";

forEachDatabase(
  "the demo preview",
  (h) => {
    it("is a preview of staging for #7 with the api's image, and is seeded once", async () => {
      await seedDemoDiagram();
      await seedDemoPreview();
      await seedDemoPreview();
      const env = await h.db().prisma.environment.findMany({
        where: { slug: "pr-7" },
        select: { id: true, preview: true, pullRequest: true, expiresAt: true, class: true },
      });
      expect(env).toHaveLength(1);
      expect(env[0]).toMatchObject({ preview: true, pullRequest: "#7", class: "non_production" });
      const days = (env[0]!.expiresAt!.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      const api = await h.db().prisma.instance.findFirstOrThrow({
        where: { environmentId: env[0]!.id, component: { name: "api" } },
        select: { params: true },
      });
      expect((api.params as { image: string }).image).toBe("ghcr.io/acme/api:pr-7");
    });
  },
  ONE_DATABASE,
);
