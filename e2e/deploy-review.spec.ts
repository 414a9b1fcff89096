// One component's runs from the browser: plan the demo's `db`, review the plan on its run page
// and apply exactly that plan, re-deploy that apply (a rollback to its params), find the runs
// again in the environment's Deployments view with its filters, and destroy `db` — which its
// consumer uses — only once its name is typed back. Needs PostgreSQL (the local provisioner's
// admin connection); it does not start the app, so it never meets another journey's process.
import { expect, test } from "@playwright/test";
import { inspector, node, openCanvas } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("plan, apply that plan, re-deploy it, filter the runs, destroy behind the typed name", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "dev@acme.test");
  await openCanvas(page, "/o/acme/p/notes?env=local");
  await node(page, "db").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  const deploy = inspector(page).getByRole("region", { name: "Deploy" });
  await deploy.getByRole("button", { name: "Plan" }).click();
  // The queued plan's number, then its entry in the component's list of runs.
  const queued = await deploy.getByTestId("deploy-status").textContent();
  const number = /#(\d+)/.exec(queued ?? "")?.[1];
  expect(number, String(queued)).toBeTruthy();
  const plan = inspector(page).locator(
    `[data-testid="deployment"][data-action="plan"][data-number="${number}"]`,
  );
  await expect(plan).toHaveAttribute("data-status", "planned", { timeout: 30_000 });

  // The plan's run page: its changes, then "Apply this plan" queues an apply of exactly it.
  await plan.getByRole("link").click();
  const run = page.getByTestId("run-page");
  await expect(run).toHaveAttribute("data-status", "planned");
  await expect(run.getByRole("heading", { level: 1 })).toContainText("plan #");
  await run.getByRole("button", { name: "Apply this plan" }).click();
  await expect(run.getByRole("heading", { level: 1 })).toContainText("apply #");
  await expect(run).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(run).toContainText("Applies plan");

  // Re-deploy that apply: its params set back and applied, as a new run naming it.
  await run.getByRole("button", { name: "Re-deploy" }).click();
  await expect(run).toContainText("Re-deploys", { timeout: 15_000 });
  await expect(run).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });

  // The environment's Deployments view, narrowed to plans of db.
  await run.getByRole("link", { name: "Deployments in local" }).click();
  const rows = page.getByTestId("run-row");
  await expect(rows.first()).toBeVisible();
  await page.getByRole("search", { name: "Filter runs" }).getByLabel("Action").selectOption("plan");
  await page.getByRole("search", { name: "Filter runs" }).getByLabel("Component").selectOption({
    label: "db",
  });
  await expect(rows.first()).toHaveAttribute("data-action", "plan");
  for (const row of await rows.all()) await expect(row).toHaveAttribute("data-action", "plan");

  // Destroy db: the app consumes it, so its name must be typed back.
  await openCanvas(page, "/o/acme/p/notes?env=local");
  await node(page, "db").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  await inspector(page).getByRole("button", { name: "Destroy" }).click();
  const confirm = page.getByRole("dialog", { name: "Destroy db in local?" });
  const destroy = confirm.getByRole("button", { name: "Destroy" });
  await expect(destroy).toBeDisabled();
  await confirm.getByTestId("typed-confirmation").fill("db");
  await destroy.click();
  await expect(confirm).toHaveCount(0);
  const pill = node(page, "db").getByTestId("node-run-status");
  await expect(pill).toHaveAttribute("data-action", "destroy", { timeout: 15_000 });
  await expect(pill).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
});
