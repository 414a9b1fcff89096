import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a developer browses the catalog, previews a bundle's form and sees its slots and policies", async ({
  page,
}) => {
  await signIn(page, "dev@acme.test");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Catalog" })
    .click();
  await expect(page.getByRole("heading", { name: "Catalog" })).toBeVisible();
  // Only the shipped catalog: the import journey may have added Massdriver bundles.
  const cards = page.locator('[data-testid="bundle-card"][data-source="patchbay"]');
  // By heading: other cards mention a bundle's name through the artifact types they consume.
  const card = (name: string) =>
    cards.filter({ has: page.getByRole("heading", { name: new RegExp(`^${name}@`) }) });
  await expect(cards).toHaveCount(19);

  await page.getByLabel("Search bundles").fill("postgres");
  await expect(card("aws-rds-postgres")).toBeVisible();
  await expect(card("aws-sqs-queue")).toHaveCount(0);

  const category = page.getByRole("group", { name: "Category" });
  await category.getByRole("button", { name: /^Local/ }).click();
  await expect(card("local-postgres-database")).toBeVisible();
  await expect(card("aws-rds-postgres")).toHaveCount(0);
  await category.getByRole("button", { name: /^Databases/ }).click();
  await expect(category.getByRole("button", { name: /^Databases/ })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await card("aws-rds-postgres").click();

  await expect(page.getByRole("heading", { name: /aws-rds-postgres/ })).toBeVisible();
  // rjsf encodes enum options by index, so check the selected option's label.
  const instanceClass = page.getByLabel("Instance class").locator("option:checked");
  await expect(instanceClass).toHaveText("t4g.medium (2 vCPU, 4 GiB)");
  const dbName = page.getByLabel("Database name");
  await expect(dbName).toHaveValue("app");
  await dbName.fill("Bad-Name");
  await expect(page.getByText("is not a valid database name")).toBeVisible();
  await expect(dbName).toHaveAttribute("aria-invalid", "true");
  await dbName.fill("orders");
  await expect(page.getByText("is not a valid database name")).toHaveCount(0);

  // Starting from a preset fills the form with its values.
  await page.getByLabel("Start from").selectOption("Production");
  await expect(instanceClass).toHaveText("r7g.large (2 vCPU, 16 GiB)");

  const inputs = page.getByRole("region", { name: "Inputs" });
  await expect(inputs.getByTestId("slot")).toHaveCount(2);
  await expect(inputs).toContainText("aws-iam-role");
  await expect(inputs).toContainText("aws-vpc");
  await expect(page.getByRole("region", { name: "Outputs" })).toContainText("postgresql");

  const policies = page.getByRole("region", { name: "Policies of postgresql" });
  await expect(policies.getByTestId("policy")).toHaveCount(3);
  const grant = policies.getByText(/GRANT SELECT ON ALL TABLES IN SCHEMA public/).first();
  await expect(grant).toBeHidden();
  await policies.getByText("Read only", { exact: true }).click();
  await expect(grant).toBeVisible();
  await expect(page.getByRole("region", { name: "Preset Development" })).toContainText(
    "db.t4g.micro",
  );
  await page.screenshot({ path: "test-results/catalog-bundle.png", fullPage: true });
});
