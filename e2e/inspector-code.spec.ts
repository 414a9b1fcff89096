// The inspector on the demo: a line's policy is one choice (read-only ↔ read-write in one click,
// each option showing what it adds), the Code tab shows the tfvars a deployment receives with
// secrets by name only, the preset upgrade review names the range v2 narrows, and the diagram
// exports as a PNG, an SVG naming its components, and JSON.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { inspector, node, openCanvas, saved } from "./canvas-helpers";
import { signIn } from "./helpers";

const PROJECT = "/o/acme/p/ecommerce-api";
const panel = (page: Page) => inspector(page).getByRole("tabpanel");

test("one policy choice, the Code tab and a guardrail named in the upgrade review", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, "dev@acme.test");
  await openCanvas(page, `${PROJECT}?env=staging`);

  await node(page, "api").click();
  // The Code tab of the API: the tfvars files, the database password by name only.
  await inspector(page).getByRole("tab", { name: "Code" }).click();
  const files = panel(page).getByTestId("tfvars");
  await expect(files).toHaveCount(3);
  await expect(
    panel(page).getByRole("heading", { name: "_connections.auto.tfvars.json" }),
  ).toBeVisible();
  const connections = files.nth(1);
  await expect(connections).toContainText('"password": "(secret database.password)"');
  await expect(connections).toContainText('"grants": [');
  await expect(files.nth(2)).toContainText('"md_metadata"');
  await expect(panel(page).getByTestId("code-secrets")).toContainText("SESSION_SECRET");
  await expect(panel(page).getByTestId("code-secrets")).toContainText("set (value never shown)");
  await expect(panel(page).getByRole("button", { name: /^Download _params/ })).toBeVisible();

  // The API's database line (highlighted from its Access tab): a single least → most choice,
  // switched back and forth in one click.
  await inspector(page).getByRole("tab", { name: "Access" }).click();
  await page
    .locator('[data-testid="line-label"][data-highlighted="true"]')
    .filter({ hasText: "postgresql · read-only" })
    .click();
  const line = page.getByRole("complementary", { name: "Line" });
  await expect(line.getByRole("heading")).toHaveText("orders-db.database → api.database");
  const readOnly = line.getByRole("radio", { name: /^Read only/ });
  const readWrite = line.getByRole("radio", { name: /^Read and write/ });
  await expect(readOnly).toBeChecked();
  await expect(line.getByRole("checkbox")).toHaveCount(0);
  // What choosing read-write would change, as the difference from read-only.
  const delta = line.getByTestId("policy-delta").nth(1);
  await delta.locator("summary").click();
  await expect(delta).toContainText(/\+ postgresql: GRANT SELECT, INSERT, UPDATE, DELETE/);
  const writing = page.getByTestId("line-label").filter({ hasText: "postgresql · read-write" });
  await expect(writing).toHaveCount(0);
  await readWrite.click();
  await expect(readOnly).not.toBeChecked();
  await expect(writing).toHaveCount(1);
  await readOnly.click();
  await expect(readWrite).not.toBeChecked();
  await expect(writing).toHaveCount(0);
  await saved(page);

  // Production: the database is on v1 of the ops preset; v2's review names its narrower range.
  await openCanvas(page, `${PROJECT}?env=production`);
  await node(page, "orders-db").click();
  const update = panel(page).getByTestId("preset-update");
  await update.getByRole("button", { name: "Review" }).click();
  await expect(update.getByTestId("guardrail-changes")).toContainText(
    "storage.allocated_gb: narrowed from 100–2000 to 100–1000",
  );
  await expect(update.getByTestId("guardrail-changes")).toContainText("multi_az: locked");

  // Export: each format downloads a file that is what it says it is.
  const exported = async (item: string) => {
    await page.getByRole("button", { name: "Export diagram" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: item }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
  };
  const png = await exported("Image (PNG)");
  expect(png.name).toBe("ecommerce-api-diagram.png");
  expect(png.bytes.length).toBeGreaterThan(1000);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const svg = await exported("Vector image (SVG)");
  expect(svg.name).toBe("ecommerce-api-diagram.svg");
  // html-to-image's SVG wraps the canvas in a foreignObject: it must parse as SVG and carry the
  // components' names as text.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      root: doc.documentElement.nodeName,
      error: doc.querySelector("parsererror")?.textContent ?? null,
      text: doc.documentElement.textContent ?? "",
    };
  }, svg.bytes.toString("utf8"));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe("svg");
  expect(parsed.text).toContain("orders-db");
  expect(parsed.text).toContain("thumbnailer");
  const json = await exported("Diagram (JSON)");
  expect(json.name).toBe("ecommerce-api-diagram.json");
  expect(
    JSON.parse(json.bytes.toString("utf8")).components.map((c: { name: string }) => c.name),
  ).toContain("orders-db");
});
