import { describe, expect, it } from "vitest";
import {
  defaultTags,
  ignoredUserTags,
  metadataBag,
  NAME_PREFIX_MAX,
  namePrefix,
  RESERVED_TAG_KEYS,
} from "./metadata";
import { fnv1a, shortHash } from "./stable-hash";

const ids = { projectId: "cproj1", environmentId: "cenv1", componentId: "ccomp1" };
const base = { project: "ecommerce-api", environment: "staging", component: "database", ...ids };

describe("namePrefix", () => {
  it("is {project}-{environment}-{component}-{4 chars} in [a-z0-9-]", () => {
    const prefix = namePrefix(base);
    expect(prefix).toMatch(/^ecommerce-api-staging-database-[a-z0-9]{4}$/);
    expect(prefix).toMatch(/^[a-z0-9-]+$/);
  });

  it("is the same forever for the same ids (pinned value)", () => {
    expect(namePrefix(base)).toBe(namePrefix({ ...base }));
    expect(namePrefix(base)).toBe(
      `ecommerce-api-staging-database-${shortHash("cproj1\u0000cenv1\u0000ccomp1")}`,
    );
    expect(shortHash("cproj1\u0000cenv1\u0000ccomp1")).toBe("d3xg");
  });

  it("keeps its suffix when a name changes (the suffix depends on ids only)", () => {
    const renamed = namePrefix({ ...base, project: "shop-api" });
    expect(renamed.slice(-4)).toBe(namePrefix(base).slice(-4));
    expect(renamed.startsWith("shop-api-staging-database-")).toBe(true);
  });

  it("differs across projects, environments and components", () => {
    const all = [
      namePrefix(base),
      namePrefix({ ...base, projectId: "cproj2" }),
      namePrefix({ ...base, environmentId: "cenv2" }),
      namePrefix({ ...base, componentId: "ccomp2" }),
    ];
    expect(new Set(all.map((p) => p.slice(-4))).size).toBe(4);
  });

  it("lowercases, replaces other characters and fits the length limit", () => {
    expect(namePrefix({ ...base, project: "E-Commerce_API" })).toMatch(
      /^e-commerce-api-staging-database-[a-z0-9]{4}$/,
    );
    const long = namePrefix({
      ...base,
      project: "a".repeat(40),
      environment: "preview-pr-123456789-very-long-name",
      component: "c".repeat(20),
    });
    expect(long.length).toBeLessThanOrEqual(NAME_PREFIX_MAX);
    expect(long).toMatch(/^[a-z0-9-]+-[a-z0-9]{4}$/);
    expect(long).not.toMatch(/--/);
  });
});

describe("stable hash", () => {
  it("is FNV-1a (published test vectors)", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });
});

describe("defaultTags", () => {
  const cascade = {
    organization: { slug: "acme", tags: { team: "platform", cost: "org", owner: "ops@acme" } },
    project: { slug: "ecommerce-api", tags: { team: "shop", cost: "project" } },
    environment: { slug: "production", tags: { cost: "env", tier: "prod" } },
    component: { slug: "database", tags: { cost: "component" } },
  };

  it("cascades organization → project → environment → component, nearest level winning", () => {
    expect(defaultTags(cascade)).toMatchObject({
      owner: "ops@acme",
      team: "shop",
      tier: "prod",
      cost: "component",
    });
  });

  it("always carries the reserved tags, which user tags cannot override at any level", () => {
    const hostile = {
      ...cascade,
      organization: {
        slug: "acme",
        tags: { "managed-by": "terraform", "patchbay-project": "other" },
      },
      component: {
        slug: "database",
        tags: { "patchbay-component": "x", "patchbay-environment": "dev", "patchbay-future": "y" },
      },
    };
    const tags = defaultTags(hostile);
    expect(tags).toMatchObject({
      "managed-by": "patchbay",
      "patchbay-organization": "acme",
      "patchbay-project": "ecommerce-api",
      "patchbay-environment": "production",
      "patchbay-component": "database",
    });
    expect(tags["patchbay-future"]).toBeUndefined();
    for (const key of RESERVED_TAG_KEYS) expect(tags[key]).toBeDefined();
    expect(ignoredUserTags(hostile).map((t) => `${t.level}:${t.key}`)).toEqual([
      "organization:managed-by",
      "organization:patchbay-project",
      "component:patchbay-component",
      "component:patchbay-environment",
      "component:patchbay-future",
    ]);
  });
});

describe("metadataBag", () => {
  it("builds name_prefix, default_tags and a null deployment id before deploying", () => {
    const bag = metadataBag({
      organization: { id: "o", slug: "acme" },
      project: { id: "cproj1", slug: "ecommerce-api" },
      environment: { id: "cenv1", slug: "staging" },
      component: { id: "ccomp1", name: "database", tags: { team: "db" } },
    });
    expect(bag.name_prefix).toBe(namePrefix(base));
    expect(bag.default_tags).toMatchObject({ team: "db", "patchbay-component": "database" });
    expect(bag).toMatchObject({
      project: "ecommerce-api",
      environment: "staging",
      component: "database",
      deployment_id: null,
    });
  });
});
