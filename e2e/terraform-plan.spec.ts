// A Terraform component from the browser: plan the demo's `flags` (a module of built-in
// resources, run by the installed binary against Patchbay's state backend), see its resource
// changes with their attribute diffs on the run page, apply exactly that plan and watch its log,
// then destroy it behind its typed name (the reader consumes it). Needs the terraform binary.
import { expect, test } from "@playwright/test";
import { inspector, node, openCanvas } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("plan flags with Terraform, review its resource changes, apply that plan, destroy it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "dev@acme.test");
  await openCanvas(page, "/o/acme/p/notes?env=local");
  await node(page, "flags").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  const deploy = inspector(page).getByRole("region", { name: "Deploy" });
  await deploy.getByRole("button", { name: "Plan" }).click();
  const queued = await deploy.getByTestId("deploy-status").textContent();
  const number = /#(\d+)/.exec(queued ?? "")?.[1];
  expect(number, String(queued)).toBeTruthy();
  const plan = inspector(page).locator(
    `[data-testid="deployment"][data-action="plan"][data-number="${number}"]`,
  );
  await expect(plan).toHaveAttribute("data-status", "planned", { timeout: 30_000 });

  // The run page lists what Terraform would do, attribute by attribute.
  await plan.getByRole("link").click();
  const run = page.getByTestId("run-page");
  await expect(run).toHaveAttribute("data-status", "planned");
  const flags = run.locator('[data-testid="change"]', { hasText: "terraform_data.flags" });
  await expect(flags).toHaveAttribute("data-action", "create");
  await expect(flags.locator('[data-testid="change-diff"][data-path="input.version"]')).toHaveText(
    'input.version: — → "v1"',
  );
  await expect(
    run.locator('[data-testid="change"]', { hasText: "output.artifact_flags" }),
  ).toContainText("(known after apply)");
  await page.screenshot({ path: "test-results/terraform-plan.png", fullPage: true });

  // Apply exactly that plan: Terraform applies the saved file, its log streams in.
  await run.getByRole("button", { name: "Apply this plan" }).click();
  await expect(run.getByRole("heading", { level: 1 })).toContainText("apply #");
  await expect(run).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  const lines = page.getByTestId("run-logs").getByTestId("log-line");
  await expect(lines.filter({ hasText: "as saved" }).first()).toBeVisible();
  await expect(lines.filter({ hasText: "Apply complete! Resources: 2 added" })).toHaveCount(1);

  // Destroy flags: the reader consumes it, so its name must be typed back.
  await openCanvas(page, "/o/acme/p/notes?env=local");
  await node(page, "flags").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  await inspector(page).getByRole("button", { name: "Destroy" }).click();
  const confirm = page.getByRole("dialog", { name: "Destroy flags in local?" });
  await confirm.getByTestId("typed-confirmation").fill("flags");
  await confirm.getByRole("button", { name: "Destroy" }).click();
  const pill = node(page, "flags").getByTestId("node-run-status");
  await expect(pill).toHaveAttribute("data-action", "destroy", { timeout: 15_000 });
  await expect(pill).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
});
