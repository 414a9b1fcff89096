// The canvas read at a glance on the demo (production, 1280 × 800): no two line labels
// overlap after load or after auto-layout, after auto-layout no line passes behind a component
// that is not one of its ends, the inspector keeps the selected component visible and
// clickable, a refused value is marked beside its field while the toolbar's save state stays
// clear of the deploy actions, badges say which component misses a secret and which has a
// preset update offered; and a line drawn and removed with the keyboard only, on a project of
// its own.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { createProject, inspector, node, openCanvas, saved } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1280, height: 800 } });

type Box = { x: number; y: number; width: number; height: number };

async function boxes(locator: Locator): Promise<(Box & { text: string })[]> {
  return locator.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, text: e.textContent ?? "" };
    }),
  );
}

async function expectNoLabelOverlap(page: Page) {
  const labels = await boxes(page.getByTestId("line-label"));
  expect(labels.length).toBeGreaterThan(5);
  for (const [i, a] of labels.entries())
    for (const b of labels.slice(i + 1)) {
      const overlap =
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
    }
}

/**
 * Lines drawn across a component that is not one of their ends: points sampled along each
 * line's SVG path (as drawn, in screen coordinates) tested against every other component's box.
 * Ghost nodes (remote references) are not laid out, so only the diagram's own are counted.
 */
async function linesBehindComponents(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll<HTMLElement>(".react-flow__node-component")].map(
      (el) => ({
        id: el.dataset.id ?? "",
        name: el.querySelector("[data-name]")?.getAttribute("data-name") ?? el.dataset.id ?? "",
        box: el.getBoundingClientRect(),
      }),
    );
    const found: string[] = [];
    for (const edge of document.querySelectorAll<SVGGElement>(".react-flow__edge-link")) {
      const [, source, target] = /^Edge from (.+) to (.+)$/.exec(
        edge.getAttribute("aria-label") ?? "",
      ) ?? ["", "", ""];
      const path = edge.querySelector<SVGPathElement>("path.react-flow__edge-path");
      const ctm = path?.getScreenCTM();
      if (!path || !ctm) continue;
      const length = path.getTotalLength();
      for (let i = 0; i <= 100; i++) {
        const at = path.getPointAtLength((length * i) / 100);
        const p = new DOMPoint(at.x, at.y).matrixTransform(ctm);
        const behind = nodes.find(
          (n) =>
            n.id !== source &&
            n.id !== target &&
            p.x > n.box.left + 1 &&
            p.x < n.box.right - 1 &&
            p.y > n.box.top + 1 &&
            p.y < n.box.bottom - 1,
        );
        if (behind) {
          found.push(`${edge.dataset.id} passes behind ${behind.name}`);
          break;
        }
      }
    }
    return found;
  });
}

test("the demo reads at a glance: labels apart, badges, the selection kept in view", async ({
  page,
}) => {
  await signIn(page, "dev@acme.test");
  await openCanvas(page, "/o/acme/p/ecommerce-api?env=production");
  await expectNoLabelOverlap(page);

  // State at a glance: the API misses its session secret here, orders-db is offered v2.
  await expect(node(page, "api").getByTestId("badge-missing-secret")).toBeVisible();
  await expect(node(page, "api").getByTestId("badge-missing-secret")).toHaveAttribute(
    "title",
    /SESSION_SECRET/,
  );
  await expect(node(page, "orders-db").getByTestId("badge-preset-update")).toHaveText("update v2");

  // Auto-layout leaves room for every label; undone so the demo keeps its own places.
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await saved(page);
  await page.waitForTimeout(400); // the fit after the layout animates nothing; labels follow
  await expectNoLabelOverlap(page);
  expect(await page.locator(".react-flow__edge-link").count()).toBeGreaterThan(5);
  expect(await linesBehindComponents(page)).toEqual([]);
  await page.getByRole("button", { name: "Undo" }).click();
  await saved(page);

  // The inspector narrows the canvas: the selected component stays visible and clickable,
  // and the minimap folds away instead of covering it.
  await node(page, "thumbnailer").click();
  await expect(inspector(page)).toBeVisible();
  await expect(page.locator(".react-flow__minimap")).toHaveCount(0);
  const canvas = (await page.getByTestId("canvas").boundingBox())!;
  await expect(async () => {
    const box = (await node(page, "thumbnailer").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(canvas.x);
    expect(box.y).toBeGreaterThanOrEqual(canvas.y);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  }).toPass();
  // Clickable: what is under its centre is the component itself, nothing drawn over it.
  const hit = await node(page, "thumbnailer").evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return el.contains(top);
  });
  expect(hit).toBe(true);
  await node(page, "thumbnailer").click();
  await expect(inspector(page).getByRole("heading", { name: "thumbnailer" })).toBeVisible();

  // A refused value on this narrowed canvas: marked beside its field, and the toolbar's longer
  // save state wraps under its buttons instead of running beneath the deploy actions.
  await page.getByRole("button", { name: "Fit view" }).first().click();
  await node(page, "orders-db").click();
  const storage = inspector(page).getByLabel("Allocated storage (GiB)");
  await storage.fill("5000");
  await expect(inspector(page).getByTestId("field-not-saved")).toContainText(
    "Not saved: 5000 is above the maximum 2000",
  );
  await expect(page.getByTestId("save-state")).toHaveText("A value not saved: see the inspector");
  const state = (await page.getByTestId("save-state").boundingBox())!;
  for (const corner of [
    page.getByRole("link", { name: "Deployments", exact: true }),
    page.getByRole("button", { name: "Deploy environment", exact: true }),
  ]) {
    const b = (await corner.boundingBox())!;
    const apart =
      state.x + state.width <= b.x ||
      b.x + b.width <= state.x ||
      state.y + state.height <= b.y ||
      b.y + b.height <= state.y;
    expect(apart, `the save state runs under ${await corner.textContent()}`).toBe(true);
  }
  await inspector(page)
    .getByRole("button", { name: /^Revert to saved/ })
    .click();
  await expect(storage).not.toHaveValue("5000");
  await saved(page);
});

test("a line drawn and removed with the keyboard only", async ({ page }) => {
  await signIn(page, "ops@acme.test");
  const path = await createProject(page, "keys");
  await openCanvas(page, path);
  // The palette's + adds a component selected (the inspector opens on it) and in view.
  await page.getByRole("button", { name: "Add feature-flags" }).focus();
  await page.keyboard.press("Enter");
  await expect(inspector(page).getByRole("heading", { name: "feature-flags" })).toBeVisible();
  await page.getByRole("button", { name: "Add feature-flag-reader" }).focus();
  await page.keyboard.press("Enter");
  await expect(inspector(page).getByRole("heading", { name: "feature-flag-reader" })).toBeVisible();
  await expect(node(page, "feature-flag-reader")).toBeInViewport();
  await saved(page);

  // Every handle says what it is.
  await expect(
    page.getByLabel("feature-flag-reader input flags (feature-flags)", { exact: true }),
  ).toHaveCount(1);

  const menuButton = page.getByRole("button", { name: "Connect feature-flags output flags…" });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "Connect feature-flags output flags…" });
  await expect(menu.getByRole("menuitem")).toHaveText(["Connect to feature-flag-reader · flags"]);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("line-label")).toHaveText("feature-flags");
  await expect(node(page, "feature-flag-reader").getByTestId("missing-inputs")).toHaveCount(0);
  await saved(page);

  await menuButton.focus();
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem").first()).toHaveText(
    "Disconnect feature-flag-reader · flags",
  );
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("line-label")).toHaveCount(0);
  await saved(page);
});

/** The smallest text drawn on a node, in screen pixels (font size × the canvas's zoom). */
async function smallestNodeText(page: Page, nodes: string): Promise<number> {
  return page.evaluate((selector) => {
    const viewport = document.querySelector(".react-flow__viewport")!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    let smallest = Infinity;
    for (const el of document.querySelectorAll(`${selector} *`)) {
      const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
      if (text) smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * zoom);
    }
    return smallest;
  }, nodes);
}

test.describe("fitted to a 1920 × 1080 screen", () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test("the demo's node text and compare badges stay readable (at least 10 px)", async ({
    page,
  }) => {
    await signIn(page, "dev@acme.test");
    await openCanvas(page, "/o/acme/p/ecommerce-api?env=production");
    expect(await smallestNodeText(page, "[data-testid=component-node]")).toBeGreaterThanOrEqual(10);
    await page.goto("/o/acme/p/ecommerce-api?tab=compare");
    await expect(page.getByTestId("diff-badge").first()).toBeVisible();
    expect(await smallestNodeText(page, "[data-testid=compare-node]")).toBeGreaterThanOrEqual(10);
  });
});
