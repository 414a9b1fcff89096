// Deploying the demo's `local` environment for real: a developer plans every component from the
// canvas, reviews the summary and applies all; a viewer in a second browser watches each node's
// run status change without reloading; the app's run page (opened while the app waits for its
// upstreams) streams its log up to the health check; the app's Runtime tab then shows real
// credentials (masked); the environment is destroyed after typing its slug.
// Needs PostgreSQL and Redis on this machine and the local provisioner on (the demo's default).
import { expect, type Page, test } from "@playwright/test";
import { inspector, node, openCanvas } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const NOTES = "/o/acme/p/notes?env=local";
const COMPONENTS = ["db", "cache", "app", "flags", "reader"];

const pill = (page: Page, name: string) => node(page, name).getByTestId("node-run-status");

async function allRuns(page: Page, action: string, status: string, timeout = 30_000) {
  for (const name of COMPONENTS) {
    await expect(pill(page, name)).toHaveAttribute("data-action", action, { timeout });
    await expect(pill(page, name)).toHaveAttribute("data-status", status, { timeout });
  }
}

test("deploy the local environment from the canvas, watch it live, see real credentials, destroy it", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "dev@acme.test");
  await openCanvas(page, NOTES);
  const watcher = await (
    await browser.newContext({ viewport: { width: 1600, height: 1000 } })
  ).newPage();
  await signIn(watcher, "viewer@acme.test");
  await openCanvas(watcher, NOTES);
  await expect(watcher.getByRole("button", { name: "Deploy environment" })).toHaveCount(0);

  // Plan everything, review the summary as plans finish, apply all.
  await page.getByRole("button", { name: "Deploy environment" }).click();
  const dialog = page.getByTestId("deploy-environment");
  const plans = dialog.getByTestId("plan-summary").getByTestId("batch-run");
  await expect(plans).toHaveCount(COMPONENTS.length);
  for (const name of COMPONENTS)
    await expect(dialog.locator(`[data-testid="batch-run"][data-component="${name}"]`)).toHaveCount(
      1,
    );
  await expect(plans.and(page.locator('[data-status="planned"]'))).toHaveCount(COMPONENTS.length, {
    timeout: 30_000,
  });
  await expect(dialog.getByTestId("plan-summary")).toContainText("change");
  // The viewer's canvas followed the plans without a reload.
  await allRuns(watcher, "plan", "planned");
  await dialog.getByRole("button", { name: "Apply all" }).click();

  // The app waits for its upstreams: its run page is open before it ends, and its log streams in.
  const appRun = dialog
    .getByTestId("apply-summary")
    .locator('[data-testid="batch-run"][data-component="app"]');
  await appRun.getByRole("link", { name: "app" }).click();
  const runPage = page.getByTestId("run-page");
  await expect(runPage).toBeVisible();
  // Usually still waiting here; a fast machine may have finished it already (then the whole
  // log arrives at once over the same stream).
  test.info().annotations.push({
    type: "app run when its page opened",
    description: String(await runPage.getAttribute("data-status")),
  });
  const lines = page.getByTestId("run-logs").getByTestId("log-line");
  await expect(runPage).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(lines.filter({ hasText: "Healthy" }).first()).toBeVisible();
  expect(await lines.count()).toBeGreaterThan(1);
  await expect(page.getByTestId("run-env").getByTestId("env-var").first()).toBeVisible();

  // Every node of the viewer's canvas shows its apply succeeded; nothing was reloaded.
  await allRuns(watcher, "apply", "succeeded");

  // The app's Runtime tab: real credentials from its lines, masked.
  await node(watcher, "app").click();
  await inspector(watcher).getByRole("tab", { name: "Runtime" }).click();
  for (const name of ["DATABASE_URL", "REDIS_URL"]) {
    const row = inspector(watcher).locator(`[data-testid="env-var"][data-name="${name}"]`);
    await expect(row.getByRole("img", { name: "masked value" })).toBeVisible();
    await expect(row).not.toContainText("known after the upstream is deployed");
  }

  // Destroy the environment: only once its slug is typed back.
  await openCanvas(page, NOTES);
  await page.getByRole("button", { name: "More environment actions" }).click();
  await page.getByRole("menuitem", { name: "Destroy environment" }).click();
  const confirm = page.getByRole("dialog", { name: "Destroy Local?" });
  const destroy = confirm.getByRole("button", { name: "Destroy environment" });
  await expect(destroy).toBeDisabled();
  await confirm.getByTestId("typed-confirmation").fill("loca");
  await expect(destroy).toBeDisabled();
  await confirm.getByTestId("typed-confirmation").fill("local");
  await destroy.click();
  await expect(confirm).toHaveCount(0);
  await allRuns(watcher, "destroy", "succeeded");
});
