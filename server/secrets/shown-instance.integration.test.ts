// A secret set on a component never edited in an environment creates its instance row with
// what everyone showed for it there: the first preset the environment allows. It used to take
// the bundle's first preset whatever the environment, so setting a secret in production pinned
// a component to the non-production "Development" preset — a pin the diagram rules refuse.
import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type Harness } from "@/test/integration";
import { stateAt } from "../repositories/history";

forEachDatabase("the instance a secret creates", (h: Harness) => {
  let projectId = "";
  let production = "";
  const componentId = `cmp-${randomBytes(6).toString("hex")}`;

  beforeAll(async () => {
    const dev = await h.as("dev@acme.test");
    projectId = (
      await h.db().prisma.project.findFirstOrThrow({
        where: { slug: "ecommerce-api", organization: { slug: "acme" } },
        select: { id: true },
      })
    ).id;
    production = (await dev.project.get({ projectId })).environments.find(
      (e) => e.class === "production",
    )!.id;
    const app = (await dev.diagram.catalog({ projectId })).bundles.find(
      (b) => b.name === "k8s-application",
    )!;
    // Its first preset, Development, is for non-production environments only.
    expect(app.presets[0]!.name).toBe("Development");
    expect(app.presets[0]!.versions[0]!.allowed).toEqual({ classes: ["non_production"] });
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "addComponent",
          component: {
            id: componentId,
            name: "shown-api",
            bundle: app.name,
            version: app.version,
            x: 0,
            y: 0,
          },
        },
      ],
    });
  });

  const shownInHistory = async () => {
    const row = (await stateAt(production, "newest"))!;
    const { preset, params } = row.state.instances[componentId]!;
    return { preset, params };
  };

  it("pins the row to the first preset production allows, which is what was shown before", async () => {
    const dev = await h.as("dev@acme.test");
    const before = await shownInHistory();
    expect(before.preset?.name).toBe("Production");
    const resolvedBefore = await dev.access.resolve({
      projectId,
      componentId,
      environmentId: production,
    });

    await dev.secret.set({
      projectId,
      componentId,
      environmentId: production,
      name: "SESSION_SECRET",
      value: randomBytes(24).toString("base64url"),
    });

    const row = await h.db().prisma.instance.findFirstOrThrow({
      where: { projectId, componentId, environmentId: production },
      select: { presetVersion: { select: { preset: { select: { name: true } } } } },
    });
    expect(row.presetVersion?.preset.name).toBe("Production");
    const { diagram } = await dev.diagram.get({ projectId });
    expect(diagram.instances[componentId]![production]).toMatchObject({ preset: "Production" });
    // The configuration anyone sees did not move: history records the secret, nothing else.
    expect(await shownInHistory()).toEqual(before);
    const resolvedAfter = await dev.access.resolve({
      projectId,
      componentId,
      environmentId: production,
    });
    expect(resolvedAfter.params).toEqual(resolvedBefore.params);
  });
});
