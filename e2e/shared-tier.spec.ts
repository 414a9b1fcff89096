// The shared tier end to end, on the demo's data: ops publish shared-infra's staging cluster, a
// developer borrows it in ecommerce-api's staging from the API's slot menu, sees the ghost node
// and where the value comes from, and opens the owner; ops enter an imported database and the
// developer links to it. The references are removed at the end (other journeys use staging).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const CONSUMER = "/o/acme/p/ecommerce-api?env=staging";

async function openAccess(page: Page, component: string) {
  await page.locator(`[data-testid="component-node"][data-name="${component}"]`).click();
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await inspector.getByRole("tab", { name: "Access" }).click();
  return inspector;
}

const slot = (page: Page, name: string) =>
  page.locator(`[data-testid="slot-row"][data-slot="${name}"]`);

test("ops publish and import, a developer borrows both from the slot menu and sees where values come from", async ({
  page,
}) => {
  // Ops publish the staging cluster of shared-infra.
  await signIn(page, "ops@acme.test");
  await page.goto("/o/acme/p/shared-infra?env=staging");
  let inspector = await openAccess(page, "cluster");
  await inspector.getByRole("button", { name: "Publish cluster" }).click();
  await expect(inspector.getByTestId("publication-audience")).toHaveText(
    "published to all projects",
  );

  // …and enter a database Patchbay does not manage.
  await page.goto("/o/acme/imported");
  await page.getByRole("button", { name: "New imported artifact" }).click();
  const form = page.getByRole("form", { name: "New imported artifact" });
  await form.getByLabel("Artifact type").selectOption("postgresql");
  // Exact: the postgresql fields below (Hostname, Username, Cloud SQL connection name) contain
  // "name" too, once the type's form has rendered.
  await form.getByLabel("Name", { exact: true }).fill("legacy-orders");
  await form.getByLabel("Hostname").fill("legacy-orders.internal");
  await form.getByLabel("Database").fill("orders");
  await form.getByLabel("Username").fill("app");
  await form.getByLabel("Password").fill("e2e-legacy-password");
  await form.getByLabel("Major version").fill("14");
  await form.getByRole("button", { name: "Add imported artifact" }).click();
  const imported = page.getByTestId("imported-artifact").filter({ hasText: "legacy-orders" });
  await expect(imported).toContainText("set · fingerprint");
  await expect(imported).not.toContainText("e2e-legacy-password");

  // A developer borrows the cluster from the API's slot menu in staging.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "dev@acme.test");
  await page.goto(CONSUMER);
  inspector = await openAccess(page, "api");
  await expect(slot(page, "cluster").getByTestId("slot-source")).toHaveText(
    "from line from cluster",
  );
  await inspector.getByRole("button", { name: "Slot menu cluster" }).click();
  await inspector
    .getByRole("menuitem", { name: "Reference shared-infra/staging: cluster.cluster" })
    .click();
  await expect(slot(page, "cluster").getByTestId("slot-source")).toHaveText(
    "from remote reference · shared-infra/staging: cluster.cluster",
  );
  const ghost = page.getByTestId("ghost-node").filter({ hasText: "cluster.cluster" });
  await expect(ghost).toContainText("shared-infra · staging · kubernetes-cluster");

  // …and the imported database for the database slot.
  await inspector.getByRole("button", { name: "Slot menu database" }).click();
  await inspector.getByRole("menuitem", { name: "Reference imported legacy-orders" }).click();
  await expect(slot(page, "database").getByTestId("slot-source")).toHaveText(
    "from remote reference · imported legacy-orders",
  );
  await expect(page.getByTestId("ghost-node").filter({ hasText: "legacy-orders" })).toBeVisible();
  await page.goto("/o/acme/imported");
  await expect(
    page.getByTestId("imported-artifact").filter({ hasText: "legacy-orders" }),
  ).toContainText("Used by ecommerce-api/staging: api.database");

  // Back on the canvas: remove both references, then the ghost opens the owner's canvas.
  await page.goto(CONSUMER);
  inspector = await openAccess(page, "api");
  await inspector.getByRole("button", { name: "Slot menu database" }).click();
  await inspector.getByRole("menuitem", { name: "Remove reference" }).click();
  await expect(slot(page, "database").getByTestId("slot-source")).toHaveText(
    "from line from orders-db",
  );
  await inspector.getByRole("button", { name: "Slot menu cluster" }).click();
  await inspector.getByRole("menuitem", { name: "Remove reference" }).click();
  await expect(slot(page, "cluster").getByTestId("slot-source")).toHaveText(
    "from line from cluster",
  );
  await expect(page.getByTestId("ghost-node")).toHaveCount(0);

  // Production borrows the seeded shared tier: its ghost opens shared-infra.
  await page.goto("/o/acme/p/ecommerce-api?env=production");
  const borrowed = page.getByTestId("ghost-node").filter({ hasText: "cluster.cluster" });
  await expect(borrowed.getByTestId("ghost-status")).toContainText("deployed · updated");
  await borrowed.click();
  await expect(page).toHaveURL(/\/o\/acme\/p\/shared-infra/);
});

test("an owner meets the production guardrail: in compare and promote, on a slot (overridden with a reason), in settings; unpublishing names the borrowers; a borrowed slot is not marked required", async ({
  page,
}) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/o/acme/settings");
  await expect(
    page.getByRole("checkbox", {
      name: "Non-production environments may not reference production artifacts",
    }),
  ).toBeChecked();

  // Promote production → staging: the cluster's borrowed network is refused by the guardrail.
  await page.goto("/o/acme/p/ecommerce-api?tab=compare");
  await page.getByRole("button", { name: "Swap left and right" }).click();
  // Both sides' references are drawn as ghosts: production borrows the network, staging does not.
  await expect(page.locator('[data-testid="compare-ghost"][data-slot="network"]')).toContainText(
    "only left",
  );
  const differences = page.getByRole("complementary", { name: "Differences" });
  await page
    .locator('[data-testid="compare-node"][data-name="cluster"]')
    .getByRole("button", { name: /^cluster: differs/ })
    .click();
  await differences.getByRole("checkbox", { name: "Promote reference network of cluster" }).check();
  await differences.getByRole("button", { name: "Review promotion" }).click();
  const review = page.getByRole("dialog", { name: "Promote Production → Staging" });
  await expect(review.getByTestId("promote-change")).toContainText("reference network");
  await expect(review.getByRole("alert")).toContainText(
    "cluster.network in staging: a non-production environment may not reference a production artifact",
  );
  await expect(review.getByLabel("Override reason (owners only)")).toBeVisible();
  await review.getByRole("button", { name: "Cancel" }).click();

  // On a slot: refused, then let through with a reason; removed again.
  await page.goto(CONSUMER);
  const inspector = await openAccess(page, "api");
  await inspector.getByRole("button", { name: "Slot menu cluster" }).click();
  await inspector
    .getByRole("menuitem", {
      name: "Reference shared-infra/production: cluster.cluster (production)",
    })
    .click();
  await expect(slot(page, "cluster").getByRole("alert")).toContainText("owner may override");
  await inspector.getByLabel("Override reason").fill("load test against the shared cluster");
  await inspector.getByRole("button", { name: "Override" }).click();
  await expect(slot(page, "cluster").getByTestId("slot-source")).toHaveText(
    "from remote reference · shared-infra/production: cluster.cluster",
  );
  await inspector.getByRole("button", { name: "Slot menu cluster" }).click();
  await inspector.getByRole("menuitem", { name: "Remove reference" }).click();
  await expect(slot(page, "cluster").getByTestId("slot-source")).toHaveText(
    "from line from cluster",
  );

  // Unpublishing the borrowed cluster is refused, naming who borrows it.
  await page.goto("/o/acme/p/shared-infra?env=production");
  const owner = await openAccess(page, "cluster");
  const output = owner.locator('[data-testid="output-row"][data-output="cluster"]');
  await expect(output.getByRole("list", { name: "Borrowed by" })).toContainText(
    "borrowed by ecommerce-api/production: api.cluster",
  );
  await output.getByRole("button", { name: "Unpublish" }).click();
  await expect(output.getByRole("alert")).toContainText(
    "still borrowed by ecommerce-api/production: api.cluster",
  );

  // reports owns no cluster: borrowed in production (not required there), missing in staging.
  const reports = page.locator('[data-testid="component-node"][data-name="reports"]');
  await page.goto("/o/acme/p/reports?env=production");
  await expect(page.getByTestId("ghost-node")).toContainText("deployed · updated");
  await expect(reports.getByTestId("missing-inputs")).toHaveCount(0);
  await page.goto("/o/acme/p/reports?env=staging");
  await expect(reports.getByTestId("missing-inputs")).toHaveText("Needs a line into: cluster");
});
