// Lines that carry access: a developer connects an app to a database and picks the policy;
// the Access tab shows the grant it renders (only that policy), the Runtime tab shows the
// env vars with DATABASE_URL masked; ops reveals it, and the reveal lands in the History tab.
import { expect, test, type Page } from "@playwright/test";
import {
  call,
  createProject,
  dragFromPalette,
  drawLink,
  handle,
  inspector,
  node,
  openCanvas,
  saved,
} from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const linkPanel = (page: Page) => page.getByRole("complementary", { name: "Line" });

test("connect app → database, pick read, see the grant and a masked DATABASE_URL; ops reveals it and History records the reveal", async ({
  page,
  browser,
}) => {
  await signIn(page, "ops@acme.test");
  const path = await createProject(page, "access");
  const password = `canary-${Date.now().toString(36)}`;

  // As a developer: place both, connect them, and choose the policy on the line.
  const dev = await (
    await browser.newContext({ viewport: { width: 1600, height: 1000 } })
  ).newPage();
  await signIn(dev, "dev@acme.test");
  await openCanvas(dev, path);
  await dragFromPalette(dev, "local-postgres-database", 150, 120);
  await dragFromPalette(dev, "local-process", 620, 200);
  await drawLink(
    dev,
    handle(dev, "postgres-database", "output-database"),
    handle(dev, "process", "input-database"),
  );
  await saved(dev);
  await dev.getByTestId("line-label").click();
  // One choice on the ladder: a click on another rung replaces the current one.
  const read = linkPanel(dev).getByRole("radio", { name: /^Read only/ });
  const write = linkPanel(dev).getByRole("radio", { name: /^Read and write/ });
  await expect(read).toBeChecked();
  await write.check();
  await expect(read).not.toBeChecked();
  await expect(dev.getByTestId("line-label")).toHaveText("postgresql · read-write");
  await read.check();
  await expect(dev.getByTestId("line-label")).toHaveText("postgresql · read-only");
  await saved(dev);

  // The database already runs: ops records its outputs (what a deployment will write).
  const project = await call<{ id: string; environments: { id: string; slug: string }[] }>(
    page,
    "project.bySlug",
    {
      organizationId: (
        await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query")
      ).id,
      slug: path.split("/").pop(),
    },
    "query",
  );
  const { diagram } = await call<{ diagram: { components: { id: string; name: string }[] } }>(
    page,
    "diagram.get",
    { projectId: project.id },
    "query",
  );
  const db = diagram.components.find((c) => c.name === "postgres-database")!;
  const staging = project.environments.find((e) => e.slug === "staging")!;
  const payload = {
    hostname: "db.internal",
    port: 5432,
    database: "orders",
    username: "app",
    password,
    version: "16",
    sslmode: "require",
  };
  await call(
    page,
    "access.recordOutputs",
    {
      projectId: project.id,
      componentId: db.id,
      environmentId: staging.id,
      slot: "database",
      payload,
    },
    "mutation",
  );

  // Access: the rendered grant of the chosen policy only.
  await node(dev, "process").click();
  await inspector(dev).getByRole("tab", { name: "Access" }).click();
  const sql = inspector(dev).getByTestId("grant-postgresql");
  await expect(sql).toContainText('GRANT SELECT ON ALL TABLES IN SCHEMA public TO "');
  await expect(sql).toContainText('GRANT CONNECT ON DATABASE "orders"');
  await expect(sql).not.toContainText("INSERT");
  await expect(dev.locator('[data-testid=line-label][data-highlighted="true"]')).toHaveCount(1);

  // Runtime: DATABASE_URL is masked, with no Reveal for a developer, and its value is not in the
  // page.
  await inspector(dev).getByRole("tab", { name: "Runtime" }).click();
  const url = inspector(dev).locator('[data-testid=env-var][data-name="DATABASE_URL"]');
  await expect(url.getByLabel("masked value")).toBeVisible();
  await expect(url).toContainText("database (line from postgres-database): username, password");
  await expect(url.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  expect(await dev.content()).not.toContain(password);

  // Ops reveals it; the reveal is in the component's history.
  await openCanvas(page, path);
  await node(page, "process").click();
  await inspector(page).getByRole("tab", { name: "Runtime" }).click();
  const opsUrl = inspector(page).locator('[data-testid=env-var][data-name="DATABASE_URL"]');
  await opsUrl.getByRole("button", { name: "Reveal" }).click();
  await expect(opsUrl.getByTestId("revealed-value")).toHaveText(
    `postgresql://app:${password}@db.internal:5432/orders?sslmode=require`,
  );
  await inspector(page).getByRole("tab", { name: "History" }).click();
  // Newest first: the reveal (action env.revealed, naming the variable but never its value).
  const history = inspector(page).getByRole("tabpanel");
  await expect(history).toContainText("DATABASE_URL");
  await expect(history.locator("code", { hasText: /^env\.revealed$/ })).toHaveCount(1);
  await expect(history).not.toContainText(password);
  await dev.context().close();
});

test("an input without a line names the environment default that fills it, in that environment only", async ({
  page,
}) => {
  await signIn(page, "viewer@acme.test");
  // The demo's production has an aws-iam-role default (deploy-role); staging has none.
  await openCanvas(page, "/o/acme/p/ecommerce-api?env=production");
  const auth = node(page, "network").getByTestId("input-aws_authentication");
  await expect(auth.getByTestId("environment-default-badge")).toHaveText("default: deploy-role");
  await page.getByLabel("Environment", { exact: true }).selectOption("staging");
  await expect(auth).toBeVisible();
  await expect(auth.getByTestId("environment-default-badge")).toHaveCount(0);
});
