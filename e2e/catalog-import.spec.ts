import { expect, test } from "@playwright/test";
import { createProject, dragFromPalette, inspector, openCanvas, saved } from "./canvas-helpers";
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

  // Bundles as Massdriver publishes them, one per failure class, with their types folder: every
  // warning and the error are on screen before ops confirm; the operator guide becomes the runbook.
  await path.fill(`${process.cwd()}/test/fixtures/massdriver-import`);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(preview).toContainText("4 bundles and 0 artifact types convert");
  await expect(preview.getByText("1 errors (not imported)")).toBeVisible();
  await expect(
    preview.getByText(
      /aws-kinesis-stream\/massdriver\.yaml \/params\/properties\/kms_key\/\$ref: Massdriver type "aws-kms-key-arn" is not imported/,
    ),
  ).toBeVisible();
  await expect(
    preview.getByText(
      /aws-dynamodb-table\/massdriver\.yaml \/ui\/ui:order\/1: dropped "point_in_time_recovery"/,
    ),
  ).toBeVisible();
  await expect(
    preview.getByText(
      /aws-sqs-fifo\/massdriver\.yaml \/params\/examples\/0: preset "High throughput" does not set required "queue_name"/,
    ),
  ).toBeVisible();
  await preview.getByRole("button", { name: "Import into the catalog" }).click();
  await expect(page.getByRole("status")).toContainText("Imported 4 bundle versions");

  await page.goto(`${new URL(page.url()).pathname}/aws-ecs-service`);
  await expect(page.getByRole("heading", { name: "Runbook" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Troubleshooting" })).toBeVisible();
  // HTML in a guide is shown as text, never run.
  await expect(page.getByText('<script>alert("not run")</script>', { exact: false })).toBeVisible();

  // On a canvas: the partial preset leaves its required field to the developer, nothing is
  // refused meanwhile, and the value is saved once filled.
  await openCanvas(page, await createProject(page, "runbook"));
  await dragFromPalette(page, "aws-sqs-fifo", 300, 200);
  await page.getByTestId("component-node").filter({ hasText: "sqs-fifo" }).click();
  await expect(inspector(page).getByLabel("Preset")).toHaveValue(/High throughput/);
  await inspector(page)
    .getByLabel(/Queue name/)
    .fill("orders.fifo");
  await saved(page);
  await expect(page.getByText(/Not saved/)).toHaveCount(0);

  // The component's runbook sits at the foot of the inspector, loaded when opened.
  await dragFromPalette(page, "aws-ecs-service", 300, 450);
  await page.getByTestId("component-node").filter({ hasText: "ecs-service" }).click();
  await inspector(page).getByText("Runbook", { exact: true }).click();
  await expect(
    inspector(page)
      .getByRole("region", { name: "Runbook" })
      .getByRole("heading", { name: "Troubleshooting" }),
  ).toBeVisible();
});
