import { describe, expect, it } from "vitest";
import { mergeNames, NO_NAMES, targetCrumbs } from "./target-links";

const names = {
  projects: { p1: { slug: "shop", name: "Shop" } },
  environments: { e1: { slug: "production", name: "Production", projectId: "p1" } },
  components: { "p1/c1": { name: "orders-db" } },
};
const event = (over: Partial<Parameters<typeof targetCrumbs>[1]>) => ({
  targetType: "instance",
  targetId: "i1",
  projectId: "p1",
  environmentId: "e1",
  componentId: "c1",
  before: null,
  after: null,
  ...over,
});

describe("audit targets by name", () => {
  it("names a component with a link, then where it lives", () => {
    expect(targetCrumbs("acme", event({ targetType: "component", targetId: "c1" }), names)).toEqual(
      [
        { label: "component orders-db", href: "/o/acme/p/shop?env=production" },
        { label: "Shop", href: "/o/acme/p/shop" },
        { label: "Production", href: "/o/acme/p/shop?env=production" },
      ],
    );
  });

  it("names a project and an environment target", () => {
    expect(
      targetCrumbs(
        "acme",
        event({ targetType: "project", environmentId: null, componentId: null }),
        names,
      ),
    ).toEqual([{ label: "project Shop", href: "/o/acme/p/shop" }]);
    expect(
      targetCrumbs("acme", event({ targetType: "environment", componentId: null }), names)[0],
    ).toEqual({
      label: "environment Production",
      href: "/o/acme/p/shop?env=production",
    });
  });

  it("falls back to the snapshot's name or the id when nothing is known", () => {
    expect(
      targetCrumbs(
        "acme",
        event({
          targetType: "user",
          projectId: null,
          environmentId: null,
          componentId: null,
          targetId: "u_1234567890abc",
        }),
        NO_NAMES,
      ),
    ).toEqual([{ label: "user u_12345678", href: null }]);
  });

  it("merges pages of names", () => {
    expect(mergeNames([{ names }, { names: NO_NAMES }]).components["p1/c1"]).toEqual({
      name: "orders-db",
    });
  });
});
