import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const fixtures =
  process.env.MASSDRIVER_FIXTURES ?? `${process.cwd()}/../shared/fixtures/massdriver`;

test("a developer sees no import panel; ops previews a Massdriver import, imports it, and the bundles join the catalog", async ({
  page,
}) => {
  await signIn(page, "dev@acme.test");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Catalog" })
    .click();
  await expect(page.getByTestId("bundle-card").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Import from Massdriver" })).toHaveCount(0);
  await page.context().clearCookies();

  await signIn(page, "ops@acme.test");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Catalog" })
    .click();
  await expect(page.getByRole("heading", { name: "Import from Massdriver" })).toBeVisible();
  const path = page.getByLabel("Path on the server");
  await path.fill("/etc");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(
    page.getByText("must be inside the catalog or a directory listed in PATCHBAY_IMPORT_ROOTS"),
  ).toBeVisible();

  await path.fill(`${fixtures}/v2-catalog`);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText(/\d+ bundles and \d+ artifact types convert/);
  await expect(preview.getByText(/warnings$/)).toBeVisible();
  await preview.getByRole("button", { name: "Import into the catalog" }).click();
  await expect(page.getByRole("status")).toContainText(/Imported [1-9]\d* bundle versions/);

  const imported = page.locator('[data-testid="bundle-card"][data-source="massdriver"]');
  await expect(imported.first()).toBeVisible();
  await expect(imported.first()).toContainText("imported from Massdriver");
  // Imports belong to the importing organization: the card says so.
  await expect(imported.first()).toContainText("this organization only");
  await expect(imported.first()).toHaveAttribute("data-imported", "organization");
  await page.screenshot({ path: "test-results/catalog-import.png", fullPage: true });
});
