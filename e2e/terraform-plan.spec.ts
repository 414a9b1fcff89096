// A Terraform component from the browser, as ops: plan the demo's `flags` (a module of built-in
// resources, run by the installed binary against Patchbay's state backend), see its resource
// changes with their attribute diffs on the run page, apply exactly that plan and watch its log,
// open flags' state history and download the version the apply wrote; deploy the reader (it
// reads flags' state), change flags' state out of band as a terminal would, and see the reader
// drifted; destroy both behind their typed names. Needs the terraform binary.
import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { call, inspector, node, openCanvas, stamp } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("plan flags with Terraform, review its changes, apply that plan, its state history, drift", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  await signIn(page, "ops@acme.test");
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

  // The state history: the apply's version, downloaded as the file Terraform wrote.
  await deployTab(page, "flags");
  const section = page.getByTestId("state-section");
  const version = section.getByTestId("state-version").first();
  await expect(version).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    version.getByRole("button", { name: "Download" }).click(),
  ]);
  const written = JSON.parse(readFileSync((await download.path()) ?? "", "utf8"));
  expect(written.outputs.artifact_flags.value.version).toBe("v1");
  const block = (await section.getByTestId("state-backend-block").first().textContent()) ?? "";
  const address = /\baddress\s+=\s+"([^"]+)"/.exec(block)?.[1] ?? "";
  expect(address).toMatch(/\/api\/state\/[^/]+\/src$/);

  // The reader reads flags' state when it applies.
  await deployTab(page, "reader");
  await inspector(page)
    .getByRole("region", { name: "Deploy" })
    .getByRole("button", { name: "Deploy" })
    .click();
  const readerPill = node(page, "reader").getByTestId("node-run-status");
  await expect(readerPill).toHaveAttribute("data-action", "apply", { timeout: 15_000 });
  await expect(readerPill).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });

  // Out of band: a terminal with an ops token writes flags' state under a lock of its own.
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const { value } = await call<{ value: string }>(
    page,
    "token.create",
    { organizationId: org.id, name: `terminal-${stamp()}`, role: "ops", expiresInDays: 1 },
    "mutation",
  );
  const headers = { authorization: `Basic ${Buffer.from(`ops:${value}`).toString("base64")}` };
  const state = await (await request.get(address, { headers })).json();
  state.serial += 1;
  state.outputs.artifact_flags.value.version = "out-of-band";
  const lock = { ID: `terminal-${stamp()}`, Operation: "OperationTypeApply", Who: "ops@laptop" };
  expect((await request.fetch(address, { method: "LOCK", headers, data: lock })).status()).toBe(
    200,
  );
  const write = await request.post(`${address}?ID=${lock.ID}`, { headers, data: state });
  expect(write.status()).toBe(200);
  expect((await request.fetch(address, { method: "UNLOCK", headers, data: lock })).status()).toBe(
    200,
  );

  // A drift check of the whole environment: the reader's refresh-only plan sees what it read
  // change.
  const panel = inspector(page).getByTestId("drift-panel");
  await page.getByRole("button", { name: "More environment actions" }).click();
  await page.getByRole("menuitem", { name: "Check drift" }).click();
  await expect(page.getByTestId("environment-drift-status")).toContainText("2 checks queued");
  await expect(node(page, "reader").getByTestId("node-drift")).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("drift-item").first()).toContainText("output.from_state");
  await expect(panel.getByTestId("drift-item").first()).toContainText("out-of-band");
  await expect(readerPill).toHaveAttribute("data-status", "succeeded");

  // Destroy the reader, then flags (the reader consumed it): each behind its typed name.
  for (const name of ["reader", "flags"]) {
    await deployTab(page, name);
    await inspector(page).getByRole("button", { name: "Destroy" }).click();
    const confirm = page.getByRole("dialog", { name: `Destroy ${name} in local?` });
    await confirm.getByTestId("typed-confirmation").fill(name);
    await confirm.getByRole("button", { name: "Destroy" }).click();
    const pill = node(page, name).getByTestId("node-run-status");
    await expect(pill).toHaveAttribute("data-action", "destroy", { timeout: 15_000 });
    await expect(pill).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  }
});

async function deployTab(page: Page, component: string) {
  await openCanvas(page, "/o/acme/p/notes?env=local");
  await node(page, component).click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
}
