// Journey 2, the ops half: an ops engineer authors "Postgres – Production" (production only,
// deletion protection locked, instance class narrowed to two sizes) and publishes v1; an
// instance of the demo project is put on it; ops publish v2, see that consumer with what v2
// would change for it, offer v2 and apply it; the consumer moves to v2. A developer reads
// the preset but gets no editor. (The canvas half — a developer picking the preset — and the
// server's refusals are covered elsewhere.)
import { expect, test, type Browser, type Page } from "@playwright/test";
import { call, stamp } from "./canvas-helpers";
import { signIn } from "./helpers";

type Config = {
  params: Record<string, unknown>;
  preset: string | null;
  presetVersion?: number;
};
type Diagram = {
  revision: number;
  diagram: {
    components: { id: string; name: string }[];
    instances: Record<string, Record<string, Config>>;
  };
};

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** The demo project's orders-db in production: ids and its config, over HTTP. */
async function ordersDb(page: Page) {
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const project = await call<{
    id: string;
    environments: { id: string; slug: string; class: string }[];
  }>(page, "project.bySlug", { organizationId: org.id, slug: "ecommerce-api" }, "query");
  const production = project.environments.find((e) => e.class === "production")!;
  const stored = await call<Diagram>(page, "diagram.get", { projectId: project.id }, "query");
  const component = stored.diagram.components.find((c) => c.name === "orders-db")!;
  return {
    organizationId: org.id,
    projectId: project.id,
    production,
    component,
    revision: stored.revision,
    config: stored.diagram.instances[component.id]![production.id]!,
  };
}

async function setOrdersDb(page: Page, config: Config) {
  const db = await ordersDb(page);
  const ops = [
    { op: "setInstance", component: db.component.id, environment: db.production.id, config },
  ];
  await call(
    page,
    "diagram.change",
    { projectId: db.projectId, baseRevision: db.revision, ops },
    "mutation",
  );
}

test("ops author a production preset, publish v1 and v2, and upgrade its consumer; developers only read it", async ({
  browser,
}) => {
  const name = `Postgres – Production ${stamp()}`;
  const ops = await as(browser, "ops@acme.test");
  const dev = await as(browser, "dev@acme.test");
  const original = (await ordersDb(dev)).config;

  try {
    // Author and publish v1.
    await ops
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Presets" })
      .click();
    await expect(ops.getByRole("heading", { name: "Presets", level: 1 })).toBeVisible();
    await ops.getByRole("button", { name: "New preset" }).click();
    const create = ops.getByRole("form", { name: "New preset" });
    await create.getByLabel("Bundle").selectOption("aws-rds-postgres");
    await create.getByLabel("Start from").selectOption("Production");
    await create.getByLabel("Preset name").fill(name);
    // The built-in's description is not copied: the form asks for one.
    await create.getByRole("button", { name: "Create preset" }).click();
    await expect(create.getByText("Description is required")).toBeVisible();
    await create.getByLabel("Description").fill("Our staging databases");
    await create.getByRole("button", { name: "Create preset" }).click();
    await expect(ops.getByRole("heading", { name, level: 1 })).toBeVisible();
    const presetUrl = ops.url();

    const draft1 = ops.getByRole("form", { name: "Draft v1" });
    await draft1.getByRole("radio", { name: "Production environments only", exact: true }).check();
    await draft1.getByLabel("Guardrail for deletion_protection").selectOption("locked");
    await draft1.getByLabel("Guardrail for instance_class").selectOption("narrowed");
    const sizes = draft1.getByRole("group", { name: "Allowed values for instance_class" });
    for (const size of ["db.t4g.micro", "db.t4g.medium", "db.m7g.large", "db.m7g.xlarge"])
      await sizes
        .getByRole("checkbox", { name: new RegExp(`^${size.replaceAll(".", "\\.")}\\b`) })
        .uncheck();
    await expect(sizes.getByRole("checkbox", { checked: true })).toHaveCount(2);
    // The editor explains a narrowing that excludes the preset's own value before saving.
    await sizes.getByRole("checkbox", { name: /^db\.r7g\.large\b/ }).uncheck();
    await expect(draft1.getByRole("row", { name: /instance_class/ })).toContainText(
      `"db.r7g.large" is not allowed (allowed: db.r7g.2xlarge) by this preset's own rule`,
    );
    await sizes.getByRole("checkbox", { name: /^db\.r7g\.large\b/ }).check();
    await expect(draft1.getByText("one of db.r7g.large, db.r7g.2xlarge")).toBeVisible();
    await draft1.getByLabel("Rationale").fill("Protected and sized for production load.");
    await draft1.getByRole("button", { name: "Save draft" }).click();
    await expect(draft1.getByRole("status")).toHaveText("Draft v1 saved");
    await draft1.getByRole("button", { name: "Publish v1" }).click();
    await ops
      .getByRole("alertdialog", { name: "Publish v1?" })
      .getByRole("button", { name: "Publish" })
      .click();
    const v1 = ops.getByRole("region", { name: "v1", exact: true });
    await expect(v1).toContainText("published");
    await expect(v1).toContainText("published by ops@acme.test");
    await expect(v1).toContainText("Allowed in production environments");
    // The editor now starts v2 from v1.
    await expect(ops.getByRole("form", { name: "Draft v2" })).toBeVisible();

    // A consumer on v1: the demo project's orders-db in production (set up over HTTP; the
    // canvas half of the journey picks presets through the inspector).
    const presetId = presetUrl.split("/").pop()!;
    const organizationId = (await ordersDb(dev)).organizationId;
    const published = await call<{
      preset: { versions: { version: number; values: Record<string, unknown> }[] };
    }>(ops, "preset.get", { organizationId, presetId }, "query");
    const v1Values = published.preset.versions.find((v) => v.version === 1)!.values;
    expect(v1Values).toMatchObject({
      instance_class: "db.r7g.large",
      deletion_protection: true,
      backup: { retention_days: 30 },
    });
    await setOrdersDb(ops, { ...original, params: v1Values, preset: name, presetVersion: 1 });

    // v2: 35 days of backups, Multi-AZ locked.
    await ops.reload();
    const draft2 = ops.getByRole("form", { name: "Draft v2" });
    await draft2.getByLabel("Retention (days)").fill("35");
    await draft2.getByLabel("Guardrail for multi_az").selectOption("locked");
    await expect(draft2.getByRole("row", { name: /multi_az/ })).toContainText("locked to true");
    await draft2.getByRole("button", { name: "Publish v2" }).click();
    await ops
      .getByRole("alertdialog", { name: "Publish v2?" })
      .getByRole("button", { name: "Publish" })
      .click();
    await expect(ops.getByRole("region", { name: "v2", exact: true })).toContainText("published");

    // The consumer on v1 and what v2 would change for it.
    const onV1 = ops.getByRole("region", { name: /^Consumers of v1/ });
    const consumer = onV1.getByTestId("preset-consumer").filter({ hasText: "orders-db" });
    await expect(consumer).toContainText("ecommerce-api");
    await expect(consumer.getByRole("link", { name: "orders-db" })).toHaveAttribute(
      "href",
      /\/o\/acme\/p\/ecommerce-api\?env=production/,
    );
    const changes = consumer.getByRole("table", {
      name: /Changes for orders-db in production on upgrade to v2/,
    });
    await expect(changes.getByRole("row", { name: /backup\.retention_days/ })).toContainText(
      /30\s*35/,
    );

    // Offer v2, then apply it to that consumer: it moves to v2.
    await ops.getByRole("button", { name: "Offer v2 to consumers" }).click();
    await expect(ops.getByText("v2 offered by ops@acme.test")).toBeVisible();
    await expect(ops.getByRole("region", { name: "v2", exact: true })).toContainText("offered");
    await consumer.getByRole("button", { name: "Apply v2 to orders-db in production" }).click();
    await expect(ops.getByText(/Moved 1 consumer to v2/)).toBeVisible();
    const onV2 = ops.getByRole("region", { name: /^Consumers of v2/ });
    await expect(
      onV2.getByTestId("preset-consumer").filter({ hasText: "orders-db" }),
    ).toContainText("on the newest version");
    await expect(ops.getByRole("region", { name: /^Consumers of v1/ })).toHaveCount(0);
    const moved = (await ordersDb(dev)).config;
    expect(moved).toMatchObject({
      preset: name,
      presetVersion: 2,
      params: expect.objectContaining({ backup: expect.objectContaining({ retention_days: 35 }) }),
    });

    // The list shows it under its bundle.
    await ops.goto("/o/acme/presets?bundle=aws-rds-postgres");
    const row = ops.getByTestId("preset-row").filter({ hasText: name });
    await expect(row).toContainText("organization");
    await expect(row).toContainText("v2");
    await expect(row).toContainText("production environments");

    // The server refuses a second preset of the same name for the bundle; the form says why.
    await ops.getByRole("button", { name: "New preset" }).click();
    const again = ops.getByRole("form", { name: "New preset" });
    await again.getByLabel("Preset name").fill(name);
    await again.getByLabel("Description").fill("A second one");
    await again.getByRole("button", { name: "Create preset" }).click();
    await expect(again.getByText("Name is already taken for this bundle")).toBeVisible();

    // A developer reads the preset (no drafts, no editor, no publish or upgrade buttons).
    await dev.goto(presetUrl);
    await expect(dev.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(dev.getByRole("region", { name: "v2", exact: true })).toContainText("published");
    await expect(dev.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await expect(dev.getByRole("button", { name: /^Publish/ })).toHaveCount(0);
    await expect(dev.getByRole("button", { name: /^(Apply|Offer)/ })).toHaveCount(0);
    await expect(dev.getByLabel("Guardrail for instance_class")).toHaveCount(0);
    await dev.goto("/o/acme/presets");
    await expect(dev.getByRole("button", { name: "New preset" })).toHaveCount(0);
  } finally {
    // Leave the demo project as other journeys expect it.
    await setOrdersDb(ops, original);
  }
});

test("owners switch the production-preset guardrail; ops see it without a switch", async ({
  browser,
}) => {
  const owner = await as(browser, "owner@acme.test");
  const organizationId = (
    await call<{ id: string }>(owner, "organization.bySlug", { slug: "acme" }, "query")
  ).id;
  const before = (
    await call<{ requireProductionPresets: boolean }>(
      owner,
      "preset.list",
      { organizationId },
      "query",
    )
  ).requireProductionPresets;
  try {
    await owner.goto("/o/acme/presets");
    const toggle = owner.getByRole("checkbox", {
      name: "Production instances must use a preset allowed in production",
    });
    await toggle.setChecked(true);
    await expect(toggle).toBeChecked();
    await expect(toggle).toBeEnabled();
    const ops = await as(browser, "ops@acme.test");
    await ops.goto("/o/acme/presets");
    await expect(
      ops.getByText("Production instances must use a preset allowed in production."),
    ).toBeVisible();
    await expect(ops.getByRole("checkbox", { name: /Production instances must use/ })).toHaveCount(
      0,
    );
    await toggle.setChecked(false);
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toBeEnabled();
  } finally {
    await call(
      owner,
      "preset.setGuardrail",
      { organizationId, requireProductionPresets: before },
      "mutation",
    );
  }
});
