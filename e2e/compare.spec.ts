// Journey 3: anyone compares staging with production. In a project of its own (set up over
// HTTP: a database, an API reading it, a queue) staging and production differ in a param
// and a preset of the database, the policy of the API's database line and a secret of the
// API; the queue is identical. The Compare tab draws the diagram once with a badge per
// component and a policy badge on the line, counts it all at the top, lists a component's
// differences side by side (the secret by fingerprint only) or says the queue is identical,
// narrows them by path, hides what is identical, and a copied URL reopens the same view; a line
// the same on both sides opens from the address with its policies. Then the demo project, as a
// viewer: its database differs and its API's database line reads read-only → read-write.
import { expect, test, type Page } from "@playwright/test";
import { call, createProject, stamp } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const compareNode = (page: Page, name: string) =>
  page.locator(`[data-testid="compare-node"][data-name="${name}"]`);
const badge = (page: Page, name: string) => compareNode(page, name).getByTestId("diff-badge");
const panel = (page: Page) => page.getByRole("complementary", { name: "Differences" });
const rows = (page: Page) => panel(page).getByTestId("change-row");
const row = (page: Page, path: string) =>
  panel(page).locator(`[data-testid="change-row"][data-path="${path}"]`);

interface CatalogBundle {
  name: string;
  version: string;
  presets: { name: string; versions: { version: number; values: Record<string, unknown> }[] }[];
}

/** staging and production of a fresh project that differ exactly where this journey says. */
async function setUp(page: Page) {
  const path = await createProject(page, "compare");
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const project = await call<{ id: string; environments: { id: string; slug: string }[] }>(
    page,
    "project.bySlug",
    { organizationId: org.id, slug: path.split("/").pop() },
    "query",
  );
  const env = (slug: string) => project.environments.find((e) => e.slug === slug)!.id;
  const [staging, production] = [env("staging"), env("production")];
  const { bundles } = await call<{ bundles: CatalogBundle[] }>(
    page,
    "diagram.catalog",
    { projectId: project.id },
    "query",
  );
  const bundle = (name: string) => bundles.find((b) => b.name === name)!;
  const preset = (b: CatalogBundle, name: string) => {
    const p = b.presets.find((x) => x.name === name)!;
    return { params: p.versions[0]!.values, preset: p.name, presetVersion: p.versions[0]!.version };
  };
  const [rds, app, sqs] = [
    bundle("aws-rds-postgres"),
    bundle("k8s-application"),
    bundle("aws-sqs-queue"),
  ];
  const id = (name: string) => `${name}-${stamp()}`;
  const [db, api, queue, link] = [id("db"), id("api"), id("queue"), id("line")];
  // Equal in both: the same custom values (the built-in "Production" preset is production-only).
  const custom = (b: CatalogBundle) => ({ params: preset(b, "Production").params, preset: null });
  const same = (b: CatalogBundle) => ({ [staging]: custom(b), [production]: custom(b) });
  const ops = [
    {
      op: "addComponent",
      component: { id: db, name: "db", bundle: rds.name, version: rds.version, x: 0, y: 0 },
      instances: { [staging]: preset(rds, "Development"), [production]: preset(rds, "Production") },
    },
    {
      op: "addComponent",
      component: { id: api, name: "api", bundle: app.name, version: app.version, x: 400, y: 0 },
      instances: same(app),
    },
    {
      op: "addComponent",
      component: { id: queue, name: "queue", bundle: sqs.name, version: sqs.version, x: 0, y: 320 },
      instances: same(sqs),
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
    page,
    "diagram.get",
    { projectId: project.id },
    "query",
  );
  await call(
    page,
    "diagram.change",
    { projectId: project.id, baseRevision: revision, ops },
    "mutation",
  );
  const secret = `session-${stamp()}-${stamp()}`;
  await call(
    page,
    "secret.set",
    {
      projectId: project.id,
      componentId: api,
      environmentId: staging,
      name: "SESSION_SECRET",
      value: secret,
    },
    "mutation",
  );
  return { path, secret, link };
}

test("compare staging with production: badges, policy of a line, summary, differences side by side, search, hide identical, shareable URL", async ({
  page,
  browser,
}) => {
  await signIn(page, "ops@acme.test");
  const { path, secret, link } = await setUp(page);

  await page.goto(path);
  await page.getByRole("tab", { name: "Compare" }).click();
  await expect(page.getByLabel("Left environment")).toHaveValue("staging");
  await expect(page.getByLabel("Right environment")).toHaveValue("production");

  // One drawing, a badge per component, the line's policy difference on the line.
  await expect(badge(page, "db")).toHaveAttribute("data-status", "changed");
  await expect(badge(page, "db")).toHaveText("differs");
  await expect(badge(page, "api")).toHaveText("differs");
  await expect(badge(page, "queue")).toHaveAttribute("data-status", "same");
  await expect(badge(page, "queue")).toHaveText("same");
  const linkBadge = page.getByTestId("line-diff-badge");
  await expect(linkBadge).toHaveCount(1);
  await expect(linkBadge).toHaveText("read-only → read-write");
  await expect(page.getByTestId("compare-summary")).toContainText(
    /^2 components differ · 1 same · 1 line differs · \d+ changes$/,
  );
  // An identical component's panel says so.
  await compareNode(page, "queue").click();
  await expect(panel(page).getByTestId("component-changes")).toContainText(
    "Identical in Staging and Production.",
  );

  // A component's differences side by side: param, preset, and a secret by fingerprint only.
  await compareNode(page, "db")
    .getByRole("button", { name: /^db: differs/ })
    .click();
  await expect(panel(page).getByRole("heading", { name: /db/ })).toBeVisible();
  await expect(panel(page).getByRole("columnheader")).toHaveText([
    "Kind",
    "Path",
    "Staging",
    "Production",
  ]);
  await expect(row(page, "instance_class").getByRole("cell")).toHaveText([
    "param",
    "db.t4g.micro",
    "db.r7g.large",
  ]);
  await expect(row(page, "instance_class").getByRole("rowheader")).toHaveText("instance_class");
  await expect(
    panel(page).locator('[data-testid="change-row"][data-kind="preset"]').getByRole("cell"),
  ).toHaveText(["preset", "Development v1", "Production v1"]);
  await expect(panel(page).getByTestId("line-change")).toContainText(
    "policies: read-only → read-write",
  );

  await compareNode(page, "api").click();
  await expect(row(page, "SESSION_SECRET").getByRole("cell")).toHaveText([
    "secret",
    /^fingerprint [0-9a-f]{12}$/,
    "—",
  ]);
  await expect(page.locator("body")).not.toContainText(secret);

  // Search narrows the rows by path; hide identical takes the queue off the drawing (the API stays:
  // its line differs).
  await compareNode(page, "db").click();
  const all = await rows(page).count();
  await page.getByRole("searchbox", { name: "Search changes by path" }).fill("storage");
  await expect(rows(page)).not.toHaveCount(all);
  await expect(row(page, "instance_class")).toHaveCount(0);
  await expect(row(page, "storage.allocated_gb")).toBeVisible();
  for (const path of await rows(page).evaluateAll((els) =>
    els.map((e) => e.getAttribute("data-path")),
  ))
    expect(path).toContain("storage");
  await expect(compareNode(page, "queue")).toHaveAttribute("data-matching", "false");

  await page.getByRole("checkbox", { name: "Hide identical" }).check();
  await expect(compareNode(page, "queue")).toBeHidden();
  await expect(compareNode(page, "api")).toBeVisible();
  await expect(compareNode(page, "db")).toBeVisible();

  // The URL is the view: reopened elsewhere, it shows the same sides, selection, search and filter.
  await expect(page).toHaveURL(/q=storage/);
  const url = page.url();
  for (const part of ["tab=compare", "component=db", "hide=same"]) expect(url).toContain(part);
  const other = await (
    await browser.newContext({ viewport: { width: 1600, height: 1000 } })
  ).newPage();
  await signIn(other, "viewer@acme.test");
  await other.goto(url);
  await expect(other.getByLabel("Left environment")).toHaveValue("staging");
  await expect(other.getByRole("searchbox", { name: "Search changes by path" })).toHaveValue(
    "storage",
  );
  await expect(other.getByRole("checkbox", { name: "Hide identical" })).toBeChecked();
  await expect(compareNode(other, "queue")).toBeHidden();
  await expect(panel(other).getByRole("heading", { name: /db/ })).toBeVisible();
  await expect(row(other, "storage.allocated_gb")).toBeVisible();
  await expect(row(other, "instance_class")).toHaveCount(0);

  // Picking the same environment on both sides: nothing differs.
  await page.getByLabel("Left environment").selectOption("production");
  await expect(page).toHaveURL(/left=production/);
  await expect(page.getByTestId("compare-summary")).toContainText(
    /^0 components differ · 3 same · 0 lines differ · 0 changes$/,
  );
  await expect(page.getByTestId("line-diff-badge")).toHaveCount(0);
  // A line that is the same on both sides still opens from the address, with its policies.
  await page.goto(`${page.url()}&line=${link}`);
  await expect(panel(page).getByTestId("line-diff").getByTestId("diff-badge")).toHaveText("same");
  await expect(panel(page).getByTestId("line-policies").getByRole("cell")).toHaveText([
    "read-write",
    "read-write",
  ]);
});

test("a viewer compares the demo project: its database differs and its API may write to it only in production", async ({
  page,
}) => {
  await signIn(page, "viewer@acme.test");
  await page.goto("/o/acme/p/ecommerce-api?tab=compare&left=staging&right=production");
  await expect(badge(page, "orders-db")).toHaveAttribute("data-status", "changed");
  await expect(
    page.getByTestId("line-diff-badge").filter({ hasText: "read-write" }).first(),
  ).toBeVisible();
  await expect(page.getByTestId("compare-summary")).toContainText(/components? differs?/);
  await compareNode(page, "orders-db").click();
  await expect(panel(page).getByRole("heading", { name: /orders-db/ })).toBeVisible();
  await expect(panel(page).locator('[data-testid="change-row"][data-kind="preset"]')).toHaveCount(
    1,
  );
  await expect(row(page, "instance_class")).toHaveCount(1);

  // A line's badge opens that line's difference: its policies on each side.
  const lineBadge = page.getByTestId("line-diff-badge").filter({ hasText: "read-write" }).first();
  await lineBadge.click();
  await expect(lineBadge).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/[?&]line=/);
  await expect(panel(page).getByTestId("line-diff")).toBeVisible();
  await expect(panel(page).getByTestId("line-policies").getByRole("cell").last()).toContainText(
    "read-write",
  );
  await panel(page).getByRole("button", { name: "All differences" }).click();
  await expect(panel(page).getByTestId("line-diff")).toHaveCount(0);
});
