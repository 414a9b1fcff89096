// Time travel: production of a fresh project gets a database, then ops resize its storage.
// Compare → Over time → production, last hour: "From" opens right before the latest change,
// so the only difference is the resize; at the window's start production did not exist
// (everything is new); the slider (its labelled moments, arrow keys) steps through the
// changes; "To" moves the right side from now to another moment; the URL reopens the view.
import { expect, test, type Page } from "@playwright/test";
import { call, createProject, stamp } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const compareNode = (page: Page, name: string) =>
  page.locator(`[data-testid="compare-node"][data-name="${name}"]`);
const badge = (page: Page, name: string) => compareNode(page, name).getByTestId("diff-badge");
const panel = (page: Page) => page.getByRole("complementary", { name: "Differences" });

interface CatalogBundle {
  name: string;
  version: string;
  presets: { name: string; versions: { version: number; values: Record<string, unknown> }[] }[];
}

test("production over the last hour: the slider steps through its changes, and the diff against now shows each", async ({
  page,
  browser,
}) => {
  await signIn(page, "ops@acme.test");
  const path = await createProject(page, "time");
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const project = await call<{ id: string; environments: { id: string; slug: string }[] }>(
    page,
    "project.bySlug",
    { organizationId: org.id, slug: path.split("/").pop() },
    "query",
  );
  const envId = (slug: string) => project.environments.find((e) => e.slug === slug)!.id;
  const staging = envId("staging");
  const production = envId("production");
  const { bundles } = await call<{ bundles: CatalogBundle[] }>(
    page,
    "diagram.catalog",
    { projectId: project.id },
    "query",
  );
  const rds = bundles.find((b) => b.name === "aws-rds-postgres")!;
  const values = (name: string) =>
    structuredClone(rds.presets.find((p) => p.name === name)!.versions[0]!.values) as {
      storage: { allocated_gb: number };
    };
  const db = `db-${stamp()}`;
  const change = async (ops: unknown[]) => {
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
  };
  await change([
    {
      op: "addComponent",
      component: { id: db, name: "orders-db", bundle: rds.name, version: rds.version, x: 0, y: 0 },
      instances: {
        [staging]: { params: values("Development"), preset: "Development" },
        [production]: { params: values("Production"), preset: "Production" },
      },
    },
  ]);
  const resized = values("Production");
  const before = resized.storage.allocated_gb;
  resized.storage.allocated_gb = before + 150;
  await change([
    {
      op: "setInstance",
      component: db,
      environment: production,
      config: { params: resized, preset: "Production" },
    },
  ]);

  await page.goto(path);
  await page.getByRole("tab", { name: "Compare" }).click();
  await page.getByRole("radio", { name: "Over time" }).click();
  await expect(page.getByLabel("Environment", { exact: true })).toHaveValue("production");
  await expect(page.getByLabel("Window")).toHaveValue("1h");

  // "From" opens right before the latest change (after the database arrived): what differs
  // from now is that change alone, the resize. Each moment is labelled under the sliders.
  const moment = page.getByRole("slider", { name: "From" });
  await expect(page.getByTestId("time-moment")).toContainText(/3 changes in the window$/);
  await expect(moment).toHaveValue("2");
  await expect(moment).toHaveAttribute(
    "aria-valuetext",
    /after component\.added by ops@acme\.test$/,
  );
  const ticks = page.getByRole("list", { name: "Changes on the slider" }).getByRole("button");
  await expect(ticks).toHaveCount(3);
  await expect(ticks.nth(1)).toContainText(/component added · ops@acme\.test/);
  await expect(ticks.nth(1)).toHaveAttribute("aria-current", "step");
  await expect(page).not.toHaveURL(/[?&]at=/);
  await expect(badge(page, "orders-db")).toHaveText("differs");
  await compareNode(page, "orders-db")
    .getByRole("button", { name: /^orders-db: differs/ })
    .click();
  const rows = panel(page).getByTestId("change-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-path", "storage.allocated_gb");
  await expect(rows.first()).toContainText(String(before));
  await expect(rows.first()).toContainText(String(before + 150));

  // The window's start is before the project existed: production then was empty. Arrow keys
  // step through the moments.
  await moment.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(moment).toHaveValue("0");
  await expect(page).toHaveURL(/[?&]at=/);
  await expect(page.getByRole("note")).toContainText(/^production did not exist yet at /i);
  await expect(badge(page, "orders-db")).toHaveText("only right");
  await ticks.nth(1).click();
  await expect(moment).toHaveValue("2");
  await expect(badge(page, "orders-db")).toHaveText("differs");

  // At the last change, production is what it is now.
  await moment.fill("3");
  await expect(moment).toHaveAttribute(
    "aria-valuetext",
    /after instance\.configured by ops@acme\.test$/,
  );
  await expect(badge(page, "orders-db")).toHaveText("same");

  // One moment against another: from the empty production to the database's arrival.
  await moment.fill("1");
  const to = page.getByRole("slider", { name: "To" });
  await expect(to).toHaveAttribute("aria-valuetext", "now");
  await to.fill("2");
  await expect(to).toHaveAttribute("aria-valuetext", /after component\.added by ops@acme\.test$/);
  await expect(badge(page, "orders-db")).toHaveText("only right");
  await to.fill("3");
  await expect(to).toHaveAttribute("aria-valuetext", "now");
  await expect(page).not.toHaveURL(/[?&]to=/);

  // The URL reopens the chosen moment (a viewer's session, another page).
  await moment.fill("2");
  await expect(badge(page, "orders-db")).toHaveText("differs");
  const url = page.url();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const viewer = await context.newPage();
  await signIn(viewer, "viewer@acme.test");
  await viewer.goto(url);
  await expect(viewer.getByRole("slider", { name: "From" })).toHaveValue("2");
  await expect(badge(viewer, "orders-db")).toHaveText("differs");
  await context.close();
});
