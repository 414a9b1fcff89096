// Helpers for the canvas journeys: locate components and their slots, place bundles, draw
// lines, wait for the save, and give a journey a project of its own.
import { expect, type Locator, type Page } from "@playwright/test";
import { SAME_ORIGIN } from "./helpers";

export function node(page: Page, name: string): Locator {
  return page.locator(`[data-testid="component-node"][data-name="${name}"]`);
}

/** The slot row (`input-database`, `output-cache` …) of a component: carries data-compatible. */
export function slot(page: Page, name: string, slotId: string): Locator {
  return node(page, name).locator(`[data-testid="${slotId}"]`);
}

export function handle(page: Page, name: string, slotId: string): Locator {
  return slot(page, name, slotId).locator(".react-flow__handle");
}

export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export async function drawLink(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 12 });
  await page.mouse.up();
}

/** Drops `bundle` so that the component's top-left lands near (x - 120, y - 30) on the canvas. */
export async function dragFromPalette(
  page: Page,
  bundle: string,
  x: number,
  y: number,
): Promise<void> {
  await page
    .locator(`[data-testid="palette-item"][data-bundle="${bundle}"]`)
    .dragTo(page.getByTestId("canvas"), { targetPosition: { x, y } });
}

export async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
}

export async function openCanvas(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
}

export function inspector(page: Page): Locator {
  return page.getByRole("complementary", { name: "Inspector" });
}

/** Short and unique per run: specs run repeatedly against one database. */
export function stamp(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A tRPC procedure over HTTP with the page's session: set-up steps that have no page yet. */
export async function call<T>(
  page: Page,
  path: string,
  input: unknown,
  kind: "query" | "mutation",
): Promise<T> {
  const url = `/api/trpc/${path}`;
  const response =
    kind === "query"
      ? await page.request.get(
          `${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
        )
      : await page.request.post(url, { data: { json: input }, headers: SAME_ORIGIN });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/**
 * A fresh project for one journey, so it neither sees nor disturbs the demo projects other
 * specs expect untouched. There is no "new project" page yet, so this one setup step calls
 * `project.create` over HTTP with the page's session (the caller must be ops or owner);
 * everything the journey then checks goes through the UI.
 */
export async function createProject(page: Page, prefix: string): Promise<string> {
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const slug = `${prefix}-${stamp()}`;
  await call(page, "project.create", { organizationId: org.id, slug, name: slug }, "mutation");
  return `/o/acme/p/${slug}`;
}
