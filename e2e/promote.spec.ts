// Journey 3, second half: a developer promotes what staging proved to production. In a
// project of its own (set up over HTTP by ops: a database and an API reading it) staging and
// production differ in the database's params and preset, in the policy of the API's
// database line and in a secret of the API (never promoted); production's database is
// pinned to the demo's ops preset "Postgres – Production" v1, which locks deletion
// protection and wants at least 14 days of backups. The developer ticks one field in the
// Compare tab, reviews it, promotes it with a message, and the comparison no longer lists it
// while the rest still differs; the project's history records it, and production's time diff
// over the last hour shows the promotion as its last change. A field the preset locks
// is refused in the review and nothing changes. A viewer sees no promote control.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { call, createProject, stamp } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const PRESET = "Postgres – Production";
const compareNode = (page: Page, name: string) =>
  page.locator(`[data-testid="compare-node"][data-name="${name}"]`);
const badge = (page: Page, name: string) => compareNode(page, name).getByTestId("diff-badge");
const panel = (page: Page) => page.getByRole("complementary", { name: "Differences" });
const row = (page: Page, path: string) =>
  panel(page).locator(`[data-testid="change-row"][data-path="${path}"]`);
const bar = (page: Page) => panel(page).getByRole("region", { name: "Promote" });
const review = (page: Page) => page.getByRole("dialog", { name: "Promote Staging → Production" });

interface CatalogBundle {
  name: string;
  version: string;
  presets: { name: string; versions: { version: number; values: Record<string, unknown> }[] }[];
}

interface Fixture {
  path: string;
  projectId: string;
  db: string;
  production: string;
}

/** A new project, set up by ops over HTTP: staging and production differ as the header says. */
async function setUp(browser: Browser): Promise<Fixture> {
  const ops = await (await browser.newContext()).newPage();
  await signIn(ops, "ops@acme.test");
  const path = await createProject(ops, "promote");
  const org = await call<{ id: string }>(ops, "organization.bySlug", { slug: "acme" }, "query");
  const project = await call<{ id: string; environments: { id: string; slug: string }[] }>(
    ops,
    "project.bySlug",
    { organizationId: org.id, slug: path.split("/").pop() },
    "query",
  );
  const env = (slug: string) => project.environments.find((e) => e.slug === slug)!.id;
  const [staging, production] = [env("staging"), env("production")];
  const { bundles } = await call<{ bundles: CatalogBundle[] }>(
    ops,
    "diagram.catalog",
    { projectId: project.id },
    "query",
  );
  const bundle = (name: string) => bundles.find((b) => b.name === name)!;
  const preset = (b: CatalogBundle, name: string, version?: number) => {
    const p = b.presets.find((x) => x.name === name)!;
    const v = version ? p.versions.find((x) => x.version === version)! : p.versions[0]!;
    return { params: structuredClone(v.values), preset: p.name, presetVersion: v.version };
  };
  const [rds, app] = [bundle("aws-rds-postgres"), bundle("k8s-application")];
  // Staging tried three weeks of backups; production keeps the ops preset's 30 days.
  const tried = preset(rds, "Development");
  tried.params.backup = { ...(tried.params.backup as object), retention_days: 21 };
  const [db, api, link] = [`db-${stamp()}`, `api-${stamp()}`, `line-${stamp()}`];
  const same = { params: preset(app, "Production").params, preset: null };
  const changes = [
    {
      op: "addComponent",
      component: { id: db, name: "db", bundle: rds.name, version: rds.version, x: 0, y: 0 },
      instances: { [staging]: tried, [production]: preset(rds, PRESET, 1) },
    },
    // The API runs the same custom values in both (the built-in "Production" preset is production-only).
    {
      op: "addComponent",
      component: { id: api, name: "api", bundle: app.name, version: app.version, x: 400, y: 0 },
      instances: { [staging]: same, [production]: same },
    },
    {
      op: "addLink",
      link: {
        id: link,
        from: db,
        fromArtifact: "database",
        to: api,
        toSlot: "database",
        policies: ["read-only"],
      },
    },
    { op: "setLinkPolicy", link, environment: production, policies: ["read-write"] },
  ];
  const { revision } = await call<{ revision: number }>(
    ops,
    "diagram.get",
    { projectId: project.id },
    "query",
  );
  await call(
    ops,
    "diagram.change",
    { projectId: project.id, baseRevision: revision, ops: changes },
    "mutation",
  );
  await call(
    ops,
    "secret.set",
    {
      projectId: project.id,
      componentId: api,
      environmentId: staging,
      name: "SESSION_SECRET",
      value: `s-${stamp()}`,
    },
    "mutation",
  );
  await ops.context().close();
  return { path, projectId: project.id, db, production };
}

type Stored = {
  revision: number;
  diagram: { instances: Record<string, Record<string, { params: Record<string, unknown> }>> };
};
const stored = (page: Page, projectId: string) =>
  call<Stored>(page, "diagram.get", { projectId }, "query");

async function openCompare(page: Page, path: string) {
  await page.goto(`${path}?tab=compare`);
  await expect(page.getByLabel("Left environment")).toHaveValue("staging");
  await expect(page.getByLabel("Right environment")).toHaveValue("production");
  await expect(badge(page, "db")).toHaveText("differs");
}

test("a developer promotes one field from staging to production with a message; it stops differing, the rest still does, and history records it", async ({
  page,
  browser,
}) => {
  const { path, projectId, db, production } = await setUp(browser);
  await signIn(page, "dev@acme.test");
  await openCompare(page, path);
  await expect(badge(page, "api")).toHaveText("differs");
  await expect(page.getByTestId("line-diff-badge")).toHaveText("read-only → read-write");
  await expect(bar(page)).toContainText("Promote Staging → Production");
  await expect(bar(page).getByTestId("promote-count")).toHaveText("Tick the differences to copy");
  await expect(bar(page).getByRole("button", { name: "Review promotion" })).toBeDisabled();

  // Every difference that is configuration can be ticked: whole component, field, preset, line.
  await expect(panel(page).getByRole("checkbox", { name: "Promote all of db" })).toBeVisible();
  await expect(panel(page).getByRole("checkbox", { name: "Promote preset of db" })).toBeVisible();
  await expect(
    panel(page).getByRole("checkbox", {
      name: /^Promote policies of line db\.database → api\.database$/,
    }),
  ).toBeVisible();
  await panel(page)
    .getByRole("checkbox", { name: /^Promote policies of line/ })
    .check();
  await expect(bar(page).getByTestId("promote-count")).toHaveText("1 selected");
  await page.screenshot({ path: "test-results/promote-panel.png" });
  // Other environments start afresh; so does Clear.
  await page.getByRole("button", { name: "Swap left and right" }).click();
  await expect(bar(page)).toContainText("Promote Production → Staging");
  await expect(bar(page).getByTestId("promote-count")).toHaveText("Tick the differences to copy");
  await page.getByRole("button", { name: "Swap left and right" }).click();
  await expect(bar(page)).toContainText("Promote Staging → Production");
  await panel(page)
    .getByRole("checkbox", { name: /^Promote policies of line/ })
    .check();
  await expect(bar(page).getByTestId("promote-count")).toHaveText("1 selected");
  await bar(page).getByRole("button", { name: "Clear" }).click();
  await expect(
    panel(page).getByRole("checkbox", { name: /^Promote policies of line/ }),
  ).not.toBeChecked();

  // A secret is never promoted: no checkbox, and it says why; nor is an API that differs only by it.
  await expect(row(page, "SESSION_SECRET").getByRole("checkbox")).toHaveCount(0);
  await expect(row(page, "SESSION_SECRET").getByTestId("not-promotable")).toHaveAttribute(
    "title",
    "Secrets are never promoted: set them in each environment",
  );
  await expect(panel(page).getByRole("checkbox", { name: "Promote all of api" })).toHaveCount(0);

  // One field of the database: staging's 21 days of backups.
  await compareNode(page, "db")
    .getByRole("button", { name: /^db: differs/ })
    .click();
  await expect(row(page, "backup.retention_days").getByRole("cell")).toHaveText([
    "param",
    "21",
    "30",
  ]);
  const field = panel(page).getByRole("checkbox", { name: "Promote backup.retention_days of db" });
  await field.check();
  await expect(bar(page).getByTestId("promote-count")).toHaveText("1 selected");
  await bar(page).getByRole("button", { name: "Review promotion" }).click();

  const dialog = review(page);
  await expect(dialog.getByTestId("promote-change")).toHaveCount(1);
  await expect(dialog.getByTestId("promote-change")).toHaveText(
    /^db params\.backup\.retention_days\s*30\s*→\s*becomes\s*21$/,
  );
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await expect(dialog.getByLabel("Message")).toBeFocused();
  const promote = dialog.getByRole("button", { name: "Promote to Production" });
  await expect(promote).toBeDisabled();
  await dialog.getByLabel("Message").fill("Three weeks of backups proved enough in staging");
  await page.screenshot({ path: "test-results/promote-review.png" });
  await promote.click();

  await expect(dialog).toBeHidden();
  await expect(bar(page).getByRole("status")).toHaveText("Promoted 1 change to Production");
  await expect(bar(page).getByTestId("promote-count")).toHaveText("Tick the differences to copy");
  await expect(row(page, "backup.retention_days")).toHaveCount(0);
  await expect(row(page, "instance_class")).toBeVisible();
  await expect(panel(page).locator('[data-testid="change-row"][data-kind="preset"]')).toBeVisible();
  await expect(badge(page, "db")).toHaveText("differs");
  await expect(page.getByTestId("line-diff-badge")).toHaveText("read-only → read-write");
  expect((await stored(page, projectId)).diagram.instances[db]![production]!.params.backup).toEqual(
    { retention_days: 21, skip_final_snapshot: false },
  );

  // Compared afresh, the field is equal and the rest still differs.
  await page.reload();
  await expect(badge(page, "db")).toHaveText("differs");
  await expect(row(page, "backup.retention_days")).toHaveCount(0);
  await expect(row(page, "deletion_protection").getByRole("cell")).toHaveText([
    "param",
    "false",
    "true",
  ]);

  // The project's history: one promotion, by the developer, with its message.
  await page.getByRole("tab", { name: "History" }).click();
  const promoted = page.getByTestId("audit-row").filter({ hasText: "environment.promoted" });
  await expect(promoted).toHaveCount(1);
  await expect(promoted).toContainText("dev@acme.test");
  await expect(promoted).toContainText("Three weeks of backups proved enough in staging");

  // Production over the last hour: its last change is the promotion, and right before it the
  // only difference from now is that field.
  await page.getByRole("tab", { name: "Compare" }).click();
  await page.getByRole("radio", { name: "Over time" }).click();
  await expect(page.getByLabel("Environment", { exact: true })).toHaveValue("production");
  await expect(page.getByLabel("Window")).toHaveValue("1h");
  await expect(page.getByTestId("time-moment")).toContainText(/changes? in the window$/);
  const from = page.getByRole("slider", { name: "From" });
  const last = Number(await from.getAttribute("max"));
  await from.fill(String(last));
  await expect(from).toHaveAttribute(
    "aria-valuetext",
    /after environment\.promoted by dev@acme\.test$/,
  );
  await expect(badge(page, "db")).toHaveText("same");
  await from.fill(String(last - 1));
  await expect(badge(page, "db")).toHaveText("differs");
  await expect(badge(page, "api")).toHaveText("same");
  await compareNode(page, "db")
    .getByRole("button", { name: /^db: differs/ })
    .click();
  await expect(panel(page).getByTestId("change-row")).toHaveCount(1);
  await expect(row(page, "backup.retention_days").getByRole("cell")).toHaveText([
    "param",
    "30",
    "21",
  ]);
  await expect(bar(page)).toHaveCount(0);
});

test("a field production's preset locks is refused in the review: the rule is named, Promote stays disabled, nothing changes", async ({
  page,
  browser,
}) => {
  const { path, projectId } = await setUp(browser);
  await signIn(page, "dev@acme.test");
  await openCompare(page, path);
  const before = await stored(page, projectId);

  await compareNode(page, "db")
    .getByRole("button", { name: /^db: differs/ })
    .click();
  await panel(page).getByRole("checkbox", { name: "Promote deletion_protection of db" }).check();
  await bar(page).getByRole("button", { name: "Review promotion" }).click();
  const dialog = review(page);
  await expect(dialog.getByTestId("promote-change")).toHaveText(
    /^db params\.deletion_protection\s*true\s*→\s*becomes\s*false$/,
  );
  await expect(dialog.getByRole("alert")).toHaveText(
    `Production’s rules refuse this promotion: params.deletion_protection: is locked to true by preset "${PRESET}" v1`,
  );
  await dialog.getByLabel("Message").fill("Let us delete it");
  await expect(dialog.getByRole("button", { name: "Promote to Production" })).toBeDisabled();
  await page.screenshot({ path: "test-results/promote-refused.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // Nothing was written, the selection is still there to change, the row still differs.
  expect(await stored(page, projectId)).toEqual(before);
  await expect(bar(page).getByTestId("promote-count")).toHaveText("1 selected");
  await expect(row(page, "deletion_protection").getByRole("cell")).toHaveText([
    "param",
    "false",
    "true",
  ]);
});

test("a viewer sees the differences without any promote control", async ({ page, browser }) => {
  const { path } = await setUp(browser);
  await signIn(page, "viewer@acme.test");
  await openCompare(page, path);
  await expect(row(page, "backup.retention_days")).toBeVisible();
  await expect(panel(page).getByTestId("line-change")).toBeVisible();
  await expect(panel(page).getByRole("checkbox")).toHaveCount(0);
  await expect(bar(page)).toHaveCount(0);
});
