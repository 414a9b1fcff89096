// Accessibility and dark mode (issue #21): axe scans the canvas, compare, presets and audit
// pages for serious or critical violations; with the system in dark mode the pages turn dark
// and their key text keeps a 4.5:1 contrast, measured on a screenshot and on computed colours
// (the presets and audit pages also at 1280 × 800, fitting the window).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1440, height: 900 } });

const PROJECT = "/o/acme/p/ecommerce-api";
const PAGES = [
  { name: "canvas", path: PROJECT, ready: "component-node" },
  {
    name: "compare",
    path: `${PROJECT}?tab=compare&left=staging&right=production`,
    ready: "compare-view",
  },
  { name: "presets", path: "/o/acme/presets", ready: null },
  { name: "audit", path: "/o/acme/audit", ready: "audit-row" },
] as const;

async function open(page: Page, { path, ready }: (typeof PAGES)[number]) {
  await page.goto(path);
  if (ready) await expect(page.getByTestId(ready).first()).toBeVisible();
  await expect(page.getByRole("heading").first()).toBeVisible();
}

/** Serious and critical violations only, each as "rule: target, target". */
async function serious(page: Page, builder = new AxeBuilder({ page })): Promise<string[]> {
  const { violations } = await builder.withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("axe finds no serious or critical violation on the canvas, compare, presets and audit pages", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const found: Record<string, string[]> = {};
  for (const target of PAGES) {
    await open(page, target);
    found[target.name] = await serious(page);
  }
  expect(found).toEqual({ canvas: [], compare: [], presets: [], audit: [] });
});

/**
 * The contrast of an element's text against what is painted behind it, from computed colours:
 * each colour is drawn on a 1×1 canvas (so oklch and alpha resolve as the browser paints them),
 * backgrounds from <html> down to the element.
 */
function computedContrast(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
      const chain: Element[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) chain.unshift(e);
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, 1, 1);
      for (const e of chain) {
        ctx.fillStyle = getComputedStyle(e).backgroundColor;
        ctx.fillRect(0, 0, 1, 1);
      }
      const background = [...ctx.getImageData(0, 0, 1, 1).data];
      ctx.fillStyle = getComputedStyle(element).color;
      ctx.fillRect(0, 0, 1, 1);
      const text = [...ctx.getImageData(0, 0, 1, 1).data];
      const luminance = ([r, g, b]: number[]) => {
        const [R, G, B] = [r!, g!, b!].map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
      };
      const [a, b] = [luminance(text), luminance(background)].sort((x, y) => y - x);
      return { ratio: (a! + 0.05) / (b! + 0.05), backgroundLuminance: luminance(background) };
    });
}

/** Lightest against darkest pixel of a screenshot (text on its background), in the page. */
async function screenshotContrast(page: Page, selector: string): Promise<number> {
  const png = await page.locator(selector).first().screenshot();
  return page.evaluate(
    async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(image, 0, 0);
      const { data } = ctx.getImageData(0, 0, image.width, image.height);
      const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      let lo = 1;
      let hi = 0;
      for (let i = 0; i < data.length; i += 4) {
        const l =
          0.2126 * channel(data[i]!) +
          0.7152 * channel(data[i + 1]!) +
          0.0722 * channel(data[i + 2]!);
        lo = Math.min(lo, l);
        hi = Math.max(hi, l);
      }
      return (hi + 0.05) / (lo + 0.05);
    },
    `data:image/png;base64,${png.toString("base64")}`,
  );
}

test("dark mode follows the system, keeps key text readable, and the theme switch overrides it", async ({
  browser,
}) => {
  const context = await browser.newContext({
    colorScheme: "dark",
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await signIn(page, "ops@acme.test");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  await open(page, PAGES[3]);
  // The page itself is dark, not only marked so.
  const body = await computedContrast(page, "h1");
  expect(body.backgroundLuminance).toBeLessThan(0.05);
  for (const selector of ["h1", "nav[aria-label=Main] a", "[data-testid=audit-row] time"]) {
    expect((await computedContrast(page, selector)).ratio, selector).toBeGreaterThanOrEqual(4.5);
  }
  expect(await screenshotContrast(page, "h1")).toBeGreaterThanOrEqual(4.5);
  // axe's own contrast rule over the whole audit and compare pages, in dark mode.
  expect(await serious(page, new AxeBuilder({ page }).withRules(["color-contrast"]))).toEqual([]);
  await open(page, PAGES[1]);
  expect(
    await screenshotContrast(page, "[data-testid=compare-node] >> nth=0"),
  ).toBeGreaterThanOrEqual(4.5);
  expect(await serious(page, new AxeBuilder({ page }).withRules(["color-contrast"]))).toEqual([]);

  // The switch wins over the system, survives a reload, and "System theme" follows it again.
  const theme = page.getByRole("combobox", { name: "Theme" });
  await theme.selectOption("light");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await expect(page.getByRole("combobox", { name: "Theme" })).toHaveValue("light");
  await page.getByRole("combobox", { name: "Theme" }).selectOption("system");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await context.close();
});

test("at 1280 × 800 in dark mode the presets and audit pages fit the window and stay readable", async ({
  browser,
}) => {
  const context = await browser.newContext({
    colorScheme: "dark",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await signIn(page, "ops@acme.test");
  for (const [target, key] of [
    [PAGES[2], "main table a"],
    [PAGES[3], "[data-testid=audit-row] time"],
  ] as const) {
    await open(page, target);
    // Nothing runs off the side: the page never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    );
    expect((await computedContrast(page, "h1")).backgroundLuminance).toBeLessThan(0.05);
    expect(await screenshotContrast(page, key), `${target.name}: ${key}`).toBeGreaterThanOrEqual(
      4.5,
    );
    expect(
      await serious(page, new AxeBuilder({ page }).withRules(["color-contrast"])),
      target.name,
    ).toEqual([]);
  }
  await context.close();
});

test("a favicon, a 404 page with a way back, and catalog cards that draw their icons", async ({
  page,
  request,
}) => {
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");

  await signIn(page, "viewer@acme.test");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /icon\.svg/);
  const missing = await page.goto("/o/acme/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await page.getByRole("link", { name: "Back to your projects" }).click();
  await expect(page).toHaveURL(/\/o\/acme$/);

  await page.goto("/o/acme/catalog");
  const card = page.getByTestId("bundle-card").first();
  await expect(card.getByTestId("bundle-icon").locator("svg")).toBeVisible();
  await expect(page.getByTestId("bundle-card").filter({ hasText: /\bicon [a-z-]+/ })).toHaveCount(
    0,
  );
});
