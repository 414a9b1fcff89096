// Environments end to end on the demo project: ops forks staging from the switcher's
// "Manage environments", the switcher offers the fork, the canvas shows the same diagram with
// staging's configuration and none of its secrets; production's decommission protection
// refuses its deletion; the fork is deleted. Slugs are unique per run, and whatever a failed
// run leaves behind is deleted afterwards (other specs count ecommerce-api's environments).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { call, inspector, node, openCanvas, stamp } from "./canvas-helpers";
import { signIn } from "./helpers";

const PROJECT = "/o/acme/p/ecommerce-api";

test.use({ viewport: { width: 1600, height: 1000 } });

const created: string[] = [];

test.afterEach(async ({ page }) => {
  if (created.length === 0) return;
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const project = await call<{ id: string; environments: { id: string; slug: string }[] }>(
    page,
    "project.bySlug",
    { organizationId: org.id, slug: "ecommerce-api" },
    "query",
  );
  for (const e of project.environments.filter((e) => created.includes(e.slug))) {
    await call(
      page,
      "environment.setProtection",
      { projectId: project.id, environmentId: e.id, protected: false },
      "mutation",
    );
    await call(
      page,
      "environment.delete",
      { projectId: project.id, environmentId: e.id },
      "mutation",
    );
  }
  created.length = 0;
});

function environmentRow(page: Page, slug: string): Locator {
  return page
    .getByRole("region", { name: "Environments" })
    .locator(`[data-testid="environment-row"][data-slug="${slug}"]`);
}

function secretStatus(page: Page, name: string): Locator {
  return inspector(page)
    .locator(`[data-testid="secret"][data-name="${name}"]`)
    .getByTestId("secret-status");
}

test("ops forks staging, opens the fork on the canvas with staging's configuration and no secrets, is refused deleting protected production, deletes the fork", async ({
  page,
}) => {
  const id = stamp();
  const slug = `preview-${id}`;
  const name = `Preview ${id}`;
  await signIn(page, "ops@acme.test");

  // What staging shows: its components, the database's preset and storage, the API's secret set.
  await openCanvas(page, `${PROJECT}?env=staging`);
  const names = (
    await page
      .getByTestId("component-node")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-name")))
  ).sort();
  expect(names.length).toBeGreaterThan(0);
  await node(page, "orders-db").click();
  const preset = await inspector(page).getByLabel("Preset").inputValue();
  const storage = await inspector(page).getByLabel("Allocated storage (GiB)").inputValue();
  await node(page, "api").click();
  await expect(secretStatus(page, "SESSION_SECRET")).toHaveText(/^set · /);

  // Fork it from the settings the switcher leads to; a bad slug is named inline first.
  await page.getByRole("button", { name: "Manage environments" }).click();
  await expect(page).toHaveURL(/tab=settings/);
  await environmentRow(page, "staging").getByRole("button", { name: "Fork from Staging…" }).click();
  const dialog = page.getByRole("dialog", { name: "Fork from Staging" });
  await expect(dialog.getByLabel("Class")).toHaveValue("non_production");
  await dialog.getByLabel("Slug").fill("Preview PR");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Fork environment" }).click();
  await expect(dialog.getByText(/^Slug must be 2–40 lowercase letters/)).toBeVisible();
  await dialog.getByLabel("Slug").fill(slug);
  created.push(slug);
  await dialog.getByRole("button", { name: "Fork environment" }).click();
  await expect(dialog).toHaveCount(0);
  const row = environmentRow(page, slug);
  await expect(row).toContainText(name);
  await expect(row.getByTestId("environment-summary")).toHaveText(
    "non-production · forked from Staging",
  );

  // The switcher offers it, and the canvas shows the same diagram with the copied values.
  await page.getByRole("link", { name: `Open ${name} on the canvas` }).click();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByLabel("Environment", { exact: true })).toHaveValue(slug);
  await expect(page.getByLabel("Environment", { exact: true }).locator("option")).toContainText([
    name,
  ]);
  await expect(page.getByTestId("component-node")).toHaveCount(names.length);
  expect(
    (
      await page
        .getByTestId("component-node")
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-name")))
    ).sort(),
  ).toEqual(names);
  await node(page, "orders-db").click();
  await expect(inspector(page).getByLabel("Preset")).toHaveValue(preset);
  await expect(inspector(page).getByLabel("Allocated storage (GiB)")).toHaveValue(storage);
  await node(page, "api").click();
  await expect(secretStatus(page, "SESSION_SECRET")).toHaveText("not set");

  // Production has decommission protection: deleting it is refused with the reason, and it stays.
  await page.getByRole("button", { name: "Manage environments" }).click();
  const production = environmentRow(page, "production");
  await expect(production).toContainText("decommission protection on");
  await production.getByRole("button", { name: "Delete Production…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete Production?" });
  await expect(confirm).toContainText("Decommission protection is on");
  await confirm.getByRole("button", { name: "Delete environment" }).click();
  await expect(production.getByRole("alert")).toHaveText(
    'protected: "Production" has decommission protection; turn off decommission protection first',
  );
  await page.reload();
  await expect(environmentRow(page, "production")).toBeVisible();
  await expect(
    environmentRow(page, "production").getByLabel("Decommission protection"),
  ).toBeChecked();

  // The fork goes; the switcher no longer offers it.
  await environmentRow(page, slug)
    .getByRole("button", { name: `Delete ${name}…` })
    .click();
  await page
    .getByRole("alertdialog", { name: `Delete ${name}?` })
    .getByRole("button", { name: "Delete environment" })
    .click();
  await expect(page.getByTestId("environments-notice")).toHaveText(
    `Environment “${name}” deleted.`,
  );
  await expect(environmentRow(page, slug)).toHaveCount(0);
  created.length = 0;
  await page.getByRole("tab", { name: "Canvas" }).click();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(
    page.getByLabel("Environment", { exact: true }).locator('option[value="staging"]'),
  ).toHaveCount(1);
  await expect(
    page.getByLabel("Environment", { exact: true }).locator(`option[value="${slug}"]`),
  ).toHaveCount(0);
});

test("ops forks production as non-production: production-only presets stay behind; rename, class and decommission protection round trip; protection off, then delete", async ({
  page,
}) => {
  const id = stamp();
  const slug = `prodcopy-${id}`;
  await signIn(page, "ops@acme.test");
  await page.goto(`${PROJECT}?tab=settings`);
  await environmentRow(page, "production")
    .getByRole("button", { name: "Fork from Production…" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Fork from Production" });
  await expect(dialog.getByLabel("Class")).toHaveValue("production");
  await dialog.getByLabel("Slug").fill(slug);
  await dialog.getByLabel("Name").fill(`Copy ${id}`);
  await dialog.getByLabel("Class").selectOption("non_production");
  created.push(slug);
  await dialog.getByRole("button", { name: "Fork environment" }).click();
  const row = environmentRow(page, slug);
  await expect(row.getByTestId("environment-summary")).toHaveText(
    "non-production · forked from Production",
  );

  // Rename, then class and protection from the row; the list follows the server.
  await row.getByRole("button", { name: `Rename Copy ${id}` }).click();
  await row.getByLabel("Name", { exact: true }).fill(" ");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Name is required")).toBeVisible();
  await row.getByLabel("Name", { exact: true }).fill(`Production copy ${id}`);
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText(`Production copy ${id}`);
  await row.getByLabel("Class").selectOption("production");
  await expect(row.getByTestId("environment-summary")).toHaveText(
    "production · forked from Production",
  );
  await row.getByLabel("Decommission protection").check();
  await expect(row.getByTestId("environment-summary")).toHaveText(
    "production · decommission protection on · forked from Production",
  );

  // Forked as non-production: production's ops preset (production-only) did not come along;
  // the bundle's default preset for a non-production environment replaced it.
  await page.getByRole("tab", { name: "Canvas" }).click();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await page.getByLabel("Environment", { exact: true }).selectOption(slug);
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await node(page, "orders-db").click();
  await expect(inspector(page).getByLabel("Preset")).toHaveValue("Development");

  // Protected now: off first, then it can go.
  await page.getByRole("button", { name: "Manage environments" }).click();
  await row.getByLabel("Decommission protection").uncheck();
  await expect(row.getByTestId("environment-summary")).toHaveText(
    "production · forked from Production",
  );
  await row.getByRole("button", { name: `Delete Production copy ${id}…` }).click();
  await page
    .getByRole("alertdialog", { name: `Delete Production copy ${id}?` })
    .getByRole("button", { name: "Delete environment" })
    .click();
  await expect(row).toHaveCount(0);
  created.length = 0;
});
