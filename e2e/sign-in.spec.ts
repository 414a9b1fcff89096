import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a developer signs in, opens ecommerce-api and sees the canvas", async ({ page }) => {
  await signIn(page, "dev@acme.test");
  await expect(page.getByTestId("role")).toHaveText("developer");
  await page.getByRole("link", { name: /ecommerce-api/ }).click();
  await expect(page.getByRole("heading", { name: "ecommerce-api" })).toBeVisible();
  // React Flow is mounted: its viewport, controls and minimap render (the minimap once the
  // canvas's first picture has been painted).
  await expect(page.locator(".react-flow__viewport")).toBeAttached();
  await expect(page.locator(".react-flow__controls")).toBeVisible();
  await expect(page.locator(".react-flow__minimap")).toBeVisible();
  // The environment switcher lists staging, production and the demo's preview for pull request
  // #7; switching keeps the same diagram.
  const switcher = page.getByLabel("Environment", { exact: true });
  await expect(switcher.locator("option")).toHaveText([
    "Staging",
    "Production (production)",
    "Preview #7 (preview)",
  ]);
  await expect(page.getByTestId("preview-badge")).toHaveCount(0);
  const nodes = page.getByTestId("component-node");
  await expect(nodes).toHaveCount(8);
  // The demo database runs on the built-in Development preset in staging and on the ops preset in
  // production.
  await page.locator('[data-testid="component-node"][data-name="orders-db"]').click();
  const preset = page.getByRole("complementary", { name: "Inspector" }).getByLabel("Preset");
  await expect(preset).toHaveValue("Development");
  await switcher.selectOption("production");
  await expect(page).toHaveURL(/env=production/);
  await expect(nodes).toHaveCount(8);
  await expect(preset).toHaveValue("Postgres – Production");
  await page.screenshot({ path: "test-results/project-canvas.png" });
  // The preview shows like any environment, badged with its pull request and expiry.
  await switcher.selectOption("pr-7");
  await expect(nodes).toHaveCount(8);
  const badge = page.getByTestId("preview-badge");
  await expect(badge).toContainText("preview");
  await expect(badge.getByTestId("preview-pull-request")).toHaveText("#7");
  await expect(badge.getByTestId("preview-expiry")).toHaveText(/expires in [67] days/);
});

test("a wrong password gives a clear error and no session", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("dev@acme.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Wrong email or password" }),
  ).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("an unknown organization is not shown to a member of another", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  const response = await page.goto("/o/some-other-org");
  expect(response?.status()).toBe(404);
});
