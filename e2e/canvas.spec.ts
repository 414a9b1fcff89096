// The diagram editor end to end: drag bundles from the palette, draw typed lines (and get
// refused with the reason), edit a form (inline error, then a good value), undo/redo,
// auto-layout, reload — and a second browser's edit is merged onto the first one's save.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { freshProject, signIn } from "./helpers";

// An empty project of its own (the demo's shared-infra has a network and a cluster now).
let PROJECT = "";
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  PROJECT = await freshProject(await context.newPage(), "canvas");
  await context.close();
});

function node(page: Page, name: string): Locator {
  return page.locator(`[data-testid="component-node"][data-name="${name}"]`);
}

function handle(page: Page, name: string, slot: string): Locator {
  return node(page, name).locator(`[data-testid="${slot}"] .react-flow__handle`);
}

async function drawLink(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function dragFromPalette(page: Page, bundle: string, x: number, y: number) {
  const canvas = page.getByTestId("canvas");
  await page
    .locator(`[data-testid="palette-item"][data-bundle="${bundle}"]`)
    .dragTo(canvas, { targetPosition: { x, y } });
}

async function saved(page: Page) {
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
}

test("a developer drags bundles, connects typed slots, is refused a mismatch, edits, undoes, lays out and reloads", async ({
  page,
}) => {
  await signIn(page, "dev@acme.test");
  await page.goto(PROJECT);
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByText("This diagram is empty")).toBeVisible();

  const palette = page.getByRole("complementary", { name: "Palette" });
  await palette.getByLabel("Search bundles").fill("redis");
  await expect(palette.getByTestId("palette-item")).not.toHaveCount(0);
  await expect(palette.locator('[data-bundle="aws-sqs-queue"]')).toHaveCount(0);
  await palette.getByLabel("Search bundles").fill("");

  await dragFromPalette(page, "local-postgres-database", 60, 100);
  await dragFromPalette(page, "local-redis", 60, 400);
  await dragFromPalette(page, "local-process", 380, 250);
  await expect(page.getByTestId("component-node")).toHaveCount(3);
  await expect(node(page, "postgres-database")).toContainText("local-postgres-database@1.0.0");
  await expect(node(page, "process")).toContainText("draft");
  await saved(page);

  // While dragging from the redis output, the postgres input says why it will not take it.
  await drawLink(
    page,
    handle(page, "redis", "output-cache"),
    handle(page, "process", "input-database"),
  );
  await expect(page.getByTestId("canvas-notice")).toContainText(
    "Line refused: type mismatch: process.database takes postgresql, redis.cache produces redis",
  );
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);

  await drawLink(
    page,
    handle(page, "postgres-database", "output-database"),
    handle(page, "process", "input-database"),
  );
  await drawLink(
    page,
    handle(page, "redis", "output-cache"),
    handle(page, "process", "input-cache"),
  );
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await saved(page);

  // The inspector: a bad port is an inline error and is not saved; a good one is.
  await node(page, "process").click();
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await expect(inspector.getByLabel("Preset")).toHaveValue("Node dev server");
  const port = inspector.getByLabel("Port");
  await expect(port).toHaveValue("3000");
  const advanced = inspector.getByTestId("advanced-fields");
  await expect(advanced.getByLabel("Log level")).toBeHidden();
  await advanced.getByText("Advanced (3)").click();
  await expect(advanced.getByLabel("Log level")).toBeVisible();
  await port.fill("80");
  await expect(inspector.getByText("must be at least 1024")).toBeVisible();
  await port.fill("8080");
  await expect(inspector.getByText("must be at least 1024")).toHaveCount(0);
  await saved(page);

  // Undo / redo from the keyboard (focus on the canvas, not in a field).
  await inspector.getByRole("heading", { name: "process" }).click();
  await page.keyboard.press("Control+z");
  await expect(inspector.getByLabel("Port")).toHaveValue("3000");
  await page.keyboard.press("Control+Shift+z");
  await expect(inspector.getByLabel("Port")).toHaveValue("8080");
  await saved(page);

  // Auto-layout puts producers left of their consumer.
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await saved(page);
  const x = async (name: string) => (await node(page, name).boundingBox())!.x;
  expect(await x("postgres-database")).toBeLessThan(await x("process"));
  expect(await x("redis")).toBeLessThan(await x("process"));

  // Reload: everything is as left.
  await page.reload();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("component-node")).toHaveCount(3);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  expect(await x("postgres-database")).toBeLessThan(await x("process"));
  await node(page, "process").click();
  await expect(
    page.getByRole("complementary", { name: "Inspector" }).getByLabel("Port"),
  ).toHaveValue("8080");
  await page.screenshot({ path: "test-results/canvas.png" });
});

test("a second browser editing the same diagram is merged onto the first one's save: not refused, not overwritten", async ({
  page,
  browser,
}) => {
  await signIn(page, "dev@acme.test");
  await page.goto(PROJECT);
  await expect(page.getByTestId("component-node")).toHaveCount(3);

  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signIn(page2, "ops@acme.test");
  await page2.goto(PROJECT);
  await expect(page2.getByTestId("component-node")).toHaveCount(3);

  // First browser renames a component and saves.
  await node(page, "redis").click();
  const name = page.getByRole("complementary", { name: "Inspector" }).getByLabel("Name");
  await name.fill("cache");
  await name.press("Enter");
  await saved(page);

  // Second browser, still on the old revision, renames another one: its save meets the first
  // one's, is merged onto it and saved, and it now shows both renames without a reload.
  await node(page2, "postgres-database").click();
  const name2 = page2
    .getByRole("complementary", { name: "Inspector" })
    .getByLabel("Name", { exact: true });
  await name2.fill("database");
  await name2.press("Enter");
  await saved(page2);
  await expect(page2.getByTestId("canvas-notice")).toHaveCount(0);
  await expect(node(page2, "cache")).toBeVisible();
  await expect(page2.getByTestId("component-node")).toHaveCount(3);
  await other.close();

  // Both changes stand.
  await page.reload();
  await expect(node(page, "cache")).toBeVisible();
  await expect(node(page, "database")).toBeVisible();
});

test("a viewer sees the diagram but cannot edit it", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await page.goto(PROJECT);
  await expect(page.getByTestId("component-node")).toHaveCount(3);
  await expect(
    page.getByText("Read-only: your role can view this diagram but not change it"),
  ).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Palette" })).toHaveCount(0);
  await node(page, "process").click();
  await expect(
    page.getByRole("complementary", { name: "Inspector" }).getByLabel("Port"),
  ).toBeDisabled();
});
