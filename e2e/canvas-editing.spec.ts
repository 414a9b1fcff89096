// Editing a diagram beyond drawing it: select several components and delete them (asked
// first only when lines depend on them), duplicate, rename, a component's own history, the
// shortcuts overlay, handles that light up while a line is dragged, and a saved line that
// breaks when its producer moves to a bundle version with another output type.
// Each journey gets a project of its own (unique per run), so the spec re-runs on one database.
import { expect, test, type Page } from "@playwright/test";
import {
  call,
  centre,
  createProject,
  dragFromPalette,
  drawLink,
  handle,
  inspector,
  node,
  openCanvas,
  saved,
  slot,
} from "./canvas-helpers";
import { signIn } from "./helpers";

// Room for palette, canvas and inspector side by side, so every placed component stays in view.
test.use({ viewport: { width: 1600, height: 1000 } });

const edges = (page: Page) => page.locator(".react-flow__edge");
const selectedNodes = (page: Page) => page.locator(".react-flow__node.selected");
const confirmDialog = (page: Page) => page.getByRole("alertdialog", { name: "Delete?" });

test("several components selected and deleted: asks first when lines depend on them, cancel keeps, confirm removes; persisted", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const project = await createProject(page, "delete");
  await openCanvas(page, project);
  await dragFromPalette(page, "local-postgres-database", 150, 80);
  await dragFromPalette(page, "local-redis", 150, 380);
  await dragFromPalette(page, "local-process", 560, 230);
  await dragFromPalette(page, "local-redis", 560, 560);
  await expect(page.getByTestId("component-node")).toHaveCount(4);
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
  await expect(edges(page)).toHaveCount(2);
  await saved(page);

  // Box-select (Shift + drag on the empty pane) around process and redis only.
  const p = (await node(page, "process").boundingBox())!;
  const r = (await node(page, "redis").boundingBox())!;
  await page.keyboard.down("Shift");
  await page.mouse.move(r.x - 15, p.y - 15);
  await page.mouse.down();
  await page.mouse.move(p.x + p.width + 15, r.y + r.height + 15, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
  await expect(selectedNodes(page)).toHaveCount(2);
  await expect(selectedNodes(page).filter({ has: node(page, "process") })).toHaveCount(1);
  await expect(selectedNodes(page).filter({ has: node(page, "redis") })).toHaveCount(1);

  // process has two incoming lines: Delete asks first, and Cancel changes nothing.
  await page.keyboard.press("Delete");
  await expect(confirmDialog(page)).toContainText(
    "process has 2 lines that will be removed with it",
  );
  await confirmDialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(confirmDialog(page)).toHaveCount(0);
  await expect(page.getByTestId("component-node")).toHaveCount(4);
  await expect(edges(page)).toHaveCount(2);
  await expect(selectedNodes(page)).toHaveCount(2);

  // Confirm: both components go, and the lines into process with them.
  await page.keyboard.press("Delete");
  await confirmDialog(page).getByRole("button", { name: "Delete" }).click();
  await expect(confirmDialog(page)).toHaveCount(0);
  await expect(node(page, "process")).toHaveCount(0);
  await expect(node(page, "redis")).toHaveCount(0);
  await expect(edges(page)).toHaveCount(0);
  await saved(page);

  // redis-2 has no lines: Ctrl+click adds it to an empty selection and Delete removes it at once.
  await node(page, "redis-2").click({ modifiers: ["Control"] });
  await expect(selectedNodes(page)).toHaveCount(1);
  await page.keyboard.press("Delete");
  await expect(node(page, "redis-2")).toHaveCount(0);
  await expect(confirmDialog(page)).toHaveCount(0);
  await saved(page);

  await page.reload();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("component-node")).toHaveCount(1);
  await expect(node(page, "postgres-database")).toBeVisible();
  await expect(edges(page)).toHaveCount(0);
});

test("rename in the inspector, the component's history newest first, and Ctrl+D duplicates under a unique valid name", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const project = await createProject(page, "dup");
  await openCanvas(page, project);
  await dragFromPalette(page, "local-redis", 200, 120);
  await expect(node(page, "redis")).toBeVisible();
  await saved(page);

  // A bad name is refused inline and not saved; a good one (the 20-character maximum) is.
  const name = inspector(page).getByLabel("Name");
  await name.fill("Cache!");
  await name.press("Enter");
  await expect(
    inspector(page).getByText("must be 1–20 lowercase letters, digits or dashes"),
  ).toBeVisible();
  await expect(node(page, "redis")).toBeVisible();
  await name.fill("session-cache-london");
  await name.press("Enter");
  await expect(node(page, "session-cache-london")).toBeVisible();
  await expect(node(page, "redis")).toHaveCount(0);
  await saved(page);

  // The component's history: the rename first, then the add it started with.
  await inspector(page).getByRole("tab", { name: "History" }).click();
  const rows = inspector(page).getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("component.renamed");
  await expect(rows.first()).toContainText("redis");
  await expect(rows.first()).toContainText("session-cache-london");
  await expect(rows.last()).toContainText("component.added");

  // Ctrl+D: the copy's name stays unique and within the 20-character rule.
  await node(page, "session-cache-london").click();
  await page.keyboard.press("Control+d");
  const copy = node(page, "session-cache-lond-2");
  await expect(copy).toBeVisible();
  await expect(copy).toContainText("local-redis@1.0.0");
  await expect(page.getByTestId("component-node")).toHaveCount(2);
  await saved(page);
  // The canvas read only the environment it opened on; the copy is configured in every one.
  const slug = project.split("/").at(-1)!;
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const { id: projectId, environments } = await call<{ id: string; environments: unknown[] }>(
    page,
    "project.bySlug",
    { organizationId: org.id, slug },
    "query",
  );
  const stored = await call<{
    diagram: {
      components: { id: string; name: string }[];
      instances: Record<string, Record<string, unknown>>;
    };
  }>(page, "diagram.get", { projectId }, "query");
  const idOf = (n: string) => stored.diagram.components.find((c) => c.name === n)!.id;
  const original = stored.diagram.instances[idOf("session-cache-london")]!;
  expect(Object.keys(original)).toHaveLength(environments.length);
  expect(environments.length).toBeGreaterThan(1);
  expect(stored.diagram.instances[idOf("session-cache-lond-2")]).toEqual(original);

  // The copy's history is its own: one add, none of the original's rename.
  // The copy sits 40 px down-right, under the selected original: click its uncovered corner.
  const size = (await copy.boundingBox())!;
  await copy.click({ position: { x: size.width - 12, y: size.height - 8 } });
  await inspector(page).getByRole("tab", { name: "History" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("component.added");

  await page.reload();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("component-node")).toHaveCount(2);
  await expect(node(page, "session-cache-london")).toBeVisible();
  await expect(node(page, "session-cache-lond-2")).toContainText("local-redis@1.0.0");
});

test("? opens the shortcuts overlay listing every shortcut; Escape closes it", async ({ page }) => {
  // Read-only and demo data: this journey changes nothing.
  await signIn(page, "viewer@acme.test");
  await openCanvas(page, "/o/acme/p/ecommerce-api");
  const overlay = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(overlay).toHaveCount(0);
  await page.keyboard.press("?");
  await expect(overlay).toBeVisible();
  await expect(overlay.locator("dt")).toHaveCount(9);
  for (const text of [
    "Undo",
    "Duplicate the selected components",
    "Delete the selection (asks first when something depends on it)",
    "Auto-layout left to right",
    "Select several components with a box",
  ]) {
    await expect(overlay.getByText(text, { exact: true })).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(overlay).toHaveCount(0);
  // The toolbar button opens the same list; ? toggles it shut.
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(overlay).toBeVisible();
  await page.keyboard.press("?");
  await expect(overlay).toHaveCount(0);
});

test("mid-drag, compatible inputs light up and incompatible ones say why; releasing on the pane draws nothing", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const project = await createProject(page, "drag");
  await openCanvas(page, project);
  await dragFromPalette(page, "local-postgres-database", 150, 100);
  await dragFromPalette(page, "local-process", 600, 200);
  await expect(page.getByTestId("component-node")).toHaveCount(2);
  await saved(page);

  const database = slot(page, "process", "input-database");
  const cache = slot(page, "process", "input-cache");
  await expect(database).not.toHaveAttribute("data-compatible");

  const from = await centre(handle(page, "postgres-database", "output-database"));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 120, from.y + 250, { steps: 8 });
  await expect(database).toHaveAttribute("data-compatible", "true");
  await expect(cache).toHaveAttribute("data-compatible", "false");
  await expect(cache).toHaveAttribute(
    "title",
    "type mismatch: process.cache takes redis, postgres-database.database produces postgresql",
  );

  // Hovering a slot says what releasing there would do.
  const hint = page.getByRole("status").filter({ hasText: /connect/ });
  const over = async (target: typeof cache) => {
    const c = await centre(target.locator(".react-flow__handle"));
    await page.mouse.move(c.x, c.y, { steps: 6 });
  };
  await over(cache);
  await expect(hint).toHaveText(
    "Can't connect: type mismatch: process.cache takes redis, postgres-database.database produces postgresql",
  );
  await over(database);
  await expect(hint).toHaveText("Release to connect (postgresql)");

  // Released on the empty pane: no line, no refusal notice, the slots stop lighting up.
  await page.mouse.move(from.x + 100, from.y + 450, { steps: 6 });
  await page.mouse.up();
  await expect(database).not.toHaveAttribute("data-compatible");
  await expect(cache).not.toHaveAttribute("data-compatible");
  await expect(edges(page)).toHaveCount(0);
  await expect(page.getByTestId("canvas-notice")).toHaveCount(0);
  await saved(page);
  await page.reload();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("component-node")).toHaveCount(2);
  await expect(edges(page)).toHaveCount(0);
});

/** Imports one fixture directory as ops; a re-run finds it already there, which is as good. */
async function importFixture(page: Page, dir: string) {
  await page.goto("/o/acme/catalog");
  await page
    .getByLabel("Path on the server")
    .fill(`${process.cwd()}/test/fixtures/e2e-import/${dir}`);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText(`bundle e2e-swap-store@${dir.slice(1)}.0.0`);
  await preview.getByRole("button", { name: "Import into the catalog" }).click();
  await expect(
    page.getByText(/Imported 1 bundle versions|everything in it is already in the catalog/),
  ).toBeVisible();
}

test("a line whose producer moves to a version with another output type is drawn broken with the reason, and kept", async ({
  page,
}) => {
  // e2e-swap-store 1.0.0 produces `database` as postgresql, 2.0.0 as redis
  // (test/fixtures/e2e-import).
  await signIn(page, "ops@acme.test");
  await importFixture(page, "v1");
  await importFixture(page, "v2");
  const project = await createProject(page, "broken");
  await openCanvas(page, project);
  await dragFromPalette(page, "e2e-swap-store", 150, 100);
  await dragFromPalette(page, "local-process", 600, 200);
  const store = node(page, "e2e-swap-store");
  await expect(store).toContainText("e2e-swap-store@2.0.0");

  // On 1.0.0 the line type-checks and is drawn normally.
  await store.click();
  const version = inspector(page).getByLabel("Version");
  await version.selectOption("1.0.0");
  await expect(store).toContainText("e2e-swap-store@1.0.0");
  await drawLink(
    page,
    handle(page, "e2e-swap-store", "output-database"),
    handle(page, "process", "input-database"),
  );
  await expect(edges(page)).toHaveCount(1);
  await expect(page.getByTestId("broken-line")).toHaveCount(0);
  await saved(page);

  // Moving the producer to 2.0.0 breaks the line: red, dashed, with the reason — not removed.
  await store.click();
  await version.selectOption("2.0.0");
  await expect(store).toContainText("e2e-swap-store@2.0.0");
  const reason =
    "broken: type mismatch: process.database takes postgresql, e2e-swap-store.database produces redis";
  await expect(page.getByTestId("broken-line")).toHaveText(reason);
  await expect(edges(page)).toHaveCount(1);
  const path = edges(page).locator("path.react-flow__edge-path");
  await expect(path).toHaveCSS("stroke", "rgb(220, 38, 38)");
  await expect(path).toHaveCSS("stroke-dasharray", "6px, 4px");
  await saved(page);

  // The server kept it too: after a reload it is still there, still broken.
  await page.reload();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(edges(page)).toHaveCount(1);
  await expect(page.getByTestId("broken-line")).toHaveText(reason);
  await page.screenshot({ path: "test-results/canvas-broken-line.png" });
});

test("deleting while production is shown reads the other environments before it asks; Cancel changes nothing", async ({
  page,
}) => {
  // The canvas holds only the environment it shows: the dialog reads the others (their
  // deployed instances count too) and says so until they are in.
  await signIn(page, "dev@acme.test");
  await openCanvas(page, "/o/acme/p/ecommerce-api?env=production");
  await node(page, "api").click();
  await page.keyboard.press("Delete");
  const dialog = confirmDialog(page);
  await expect(dialog).toContainText(/api has \d+ lines? that will be removed with it/);
  await expect(dialog.getByTestId("delete-checking")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(node(page, "api")).toBeVisible();
  await expect(edges(page)).not.toHaveCount(0);
});
