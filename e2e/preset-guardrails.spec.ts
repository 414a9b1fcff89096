// Journey 2, the developer's side: in production a developer picks the ops preset, sees its
// locked fields read-only (saying who locked them) and its narrowed fields offering only the
// allowed values; a forbidden value is marked beside its field with the rule and preset (and can
// be reverted), and the server refuses the same write with the same words, saving nothing. An
// offered upgrade is reviewed field by field and accepted as one change. The preset is the demo's
// "Postgres – Production" (server/seed-presets.ts): v1 and v2, v2 offered.
import { expect, test, type Page } from "@playwright/test";
import {
  call,
  createProject,
  dragFromPalette,
  inspector,
  node,
  openCanvas,
  saved,
} from "./canvas-helpers";
import { SAME_ORIGIN, signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const PRESET = "Postgres – Production";
const configure = (page: Page) => inspector(page).getByRole("tabpanel");

async function projectIds(page: Page, path: string) {
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  return call<{ id: string; environments: { id: string; slug: string }[] }>(
    page,
    "project.bySlug",
    { organizationId: org.id, slug: path.split("/").pop() },
    "query",
  );
}

test("a developer in production picks the ops preset, sees its locks and narrowed values, and a forbidden value is refused with the preset's message", async ({
  page,
  browser,
}) => {
  await signIn(page, "ops@acme.test");
  const path = await createProject(page, "presets");

  const dev = await (
    await browser.newContext({ viewport: { width: 1600, height: 1000 } })
  ).newPage();
  await signIn(dev, "dev@acme.test");
  await openCanvas(dev, `${path}?env=production`);
  await dragFromPalette(dev, "aws-rds-postgres", 200, 150);
  await saved(dev);
  await node(dev, "rds-postgres").click();

  // Pick the preset: production allows it.
  const presetSelect = configure(dev).getByLabel("Preset");
  // The demo's preset itself (presets.spec.ts adds "Postgres – Production <stamp>" ones).
  await expect(presetSelect.locator("option", { hasText: `${PRESET} v2` })).toBeEnabled();
  await presetSelect.selectOption({ label: `${PRESET} v2` });
  await saved(dev);
  const summary = configure(dev).getByTestId("preset-summary");
  await expect(summary).toContainText(`Pinned to ${PRESET} v2 (ops)`);
  await expect(summary).toContainText("Locked: deletion_protection, multi_az");

  // Locked: read-only, saying who locked it. Narrowed: only the allowed classes are offered.
  const protection = configure(dev).getByRole("checkbox", { name: "Deletion protection" });
  await expect(protection).toBeChecked();
  await expect(protection).toBeDisabled();
  await expect(configure(dev)).toContainText(`Locked by preset "${PRESET}" v2 (ops)`);
  const instanceClass = configure(dev).getByLabel("Instance class");
  await expect(instanceClass.locator("option")).toHaveText([
    "m7g.xlarge (4 vCPU, 16 GiB)",
    "r7g.large (2 vCPU, 16 GiB)",
    "r7g.2xlarge (8 vCPU, 64 GiB)",
  ]);
  await instanceClass.selectOption({ label: "r7g.2xlarge (8 vCPU, 64 GiB)" });
  await saved(dev);

  // A forbidden value stays in its field, marked "Not saved" beside it in the server's words
  // (rule and preset); nothing is sent, the toolbar says so, and one click puts the saved value
  // back.
  const storage = configure(dev).getByLabel("Allocated storage (GiB)");
  await storage.fill("50");
  const field = configure(dev)
    .locator("[data-invalid]")
    .filter({ has: dev.getByLabel("Allocated storage (GiB)") });
  const refusal = field.getByTestId("field-not-saved");
  await expect(refusal).toHaveText(
    `Not saved: 50 is below the minimum 100: narrowed by preset "${PRESET}" v2Revert to saved (100)`,
  );
  await expect(storage).toHaveValue("50");
  await expect(storage).toHaveAccessibleDescription(/^Not saved: 50 is below the minimum 100/);
  await expect(dev.getByTestId("save-state")).toHaveText("A value not saved: see the inspector");
  await refusal.getByRole("button", { name: "Revert to saved (100)" }).click();
  await expect(storage).toHaveValue("100");
  await expect(refusal).toHaveCount(0);
  await saved(dev);
  await storage.fill("200");
  await saved(dev);
  const deviations = configure(dev).getByTestId("preset-deviations");
  await expect(deviations).toContainText('instance_class: "db.r7g.large" → "db.r7g.2xlarge"');
  await expect(deviations).toContainText("storage.allocated_gb: 100 → 200");

  // The server is the guard: the same kind of write over HTTP is refused with the same words, and
  // nothing is saved.
  const project = await projectIds(dev, path);
  const production = project.environments.find((e) => e.slug === "production")!;
  const before = await call<{
    revision: number;
    diagram: {
      components: { id: string; name: string }[];
      instances: Record<string, Record<string, { params: Record<string, unknown> }>>;
    };
  }>(dev, "diagram.get", { projectId: project.id }, "query");
  const db = before.diagram.components.find((c) => c.name === "rds-postgres")!;
  const config = {
    ...before.diagram.instances[db.id]![production.id]!,
    params: {
      ...before.diagram.instances[db.id]![production.id]!.params,
      deletion_protection: false,
    },
  };
  const response = await dev.request.post("/api/trpc/diagram.change", {
    data: {
      json: {
        projectId: project.id,
        baseRevision: before.revision,
        ops: [{ op: "setInstance", component: db.id, environment: production.id, config }],
      },
    },
    headers: SAME_ORIGIN,
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain(
    `ops.0.params.deletion_protection: is locked to true by preset \\"${PRESET}\\" v2`,
  );
  const after = await call<typeof before>(dev, "diagram.get", { projectId: project.id }, "query");
  expect(after.revision).toBe(before.revision);
  expect(after.diagram.instances[db.id]![production.id]!.params.deletion_protection).toBe(true);

  // Staging is not production: the preset is offered but not allowed there.
  await dev.getByLabel("Environment", { exact: true }).selectOption("staging");
  await node(dev, "rds-postgres").click();
  await expect(
    configure(dev)
      .getByLabel("Preset")
      .locator("option", { hasText: `${PRESET} v2` }),
  ).toBeDisabled();
  await expect(
    configure(dev)
      .getByLabel("Preset")
      .locator("option", { hasText: `${PRESET} v2` }),
  ).toContainText("production environments only");
  await dev.context().close();
});

test("an instance pinned to v1 shows the offered v2; the developer reviews what changes and accepts it as one change", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const path = await createProject(page, "upgrade");
  const project = await projectIds(page, path);
  const production = project.environments.find((e) => e.slug === "production")!;
  const catalog = await call<{
    bundles: {
      name: string;
      version: string;
      presets: { name: string; versions: { version: number; values: Record<string, unknown> }[] }[];
    }[];
  }>(page, "diagram.catalog", { projectId: project.id }, "query");
  const rds = catalog.bundles.find((b) => b.name === "aws-rds-postgres")!;
  const v1 = rds.presets.find((p) => p.name === PRESET)!.versions.find((v) => v.version === 1)!;
  // Set-up over HTTP: a database pinned to v1 in production (as it was before v2 was offered).
  const component = {
    id: `cmp-upg-${Date.now().toString(36)}`,
    name: "orders-db",
    bundle: rds.name,
    version: rds.version,
    x: 100,
    y: 100,
  };
  await call(
    page,
    "diagram.change",
    {
      projectId: project.id,
      baseRevision: 0,
      ops: [
        {
          op: "addComponent",
          component,
          instances: { [production.id]: { params: v1.values, preset: PRESET, presetVersion: 1 } },
        },
      ],
    },
    "mutation",
  );

  await page.context().clearCookies();
  await signIn(page, "dev@acme.test");
  await openCanvas(page, `${path}?env=production`);
  await node(page, "orders-db").click();
  const update = configure(page).getByTestId("preset-update");
  await expect(update).toContainText("Preset update available: v2");
  await update.getByRole("button", { name: "Review" }).click();
  await expect(update.getByRole("row", { name: /backup\.retention_days 30 35/ })).toBeVisible();
  await expect(update.getByRole("row", { name: /multi_az true true/ })).toHaveCount(0);
  await update.getByRole("button", { name: "Accept v2" }).click();
  await saved(page);
  await expect(configure(page).getByTestId("preset-summary")).toContainText(
    `Pinned to ${PRESET} v2 (ops)`,
  );
  await expect(configure(page).getByTestId("preset-update")).toHaveCount(0);
  // One change in the component's history: the upgrade.
  await inspector(page).getByRole("tab", { name: "History" }).click();
  const history = inspector(page).getByRole("tabpanel");
  await expect(history.locator("code", { hasText: /^instance\.preset_upgraded$/ })).toHaveCount(1);
});
