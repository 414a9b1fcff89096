// Drift from the browser: deploy the demo's `db`, grant its line's role a privilege by hand
// (SQL against the real server, as someone would in a console), "Check drift now" → the node
// shows *drifted* beside its run status and the Deploy tab names the extra privilege;
// "Reconcile" applies again and the next check is clean. Then db is destroyed. Needs PostgreSQL
// (the local provisioner's admin connection); it never starts the app (port 4311 stays free).
// And the environment's drift schedule in project settings: ops set it, a developer reads it.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { inspector, node, openCanvas } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const ADMIN_URL =
  process.env.PATCHBAY_DEMO_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin<T>(fn: (c: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const url = new URL(ADMIN_URL);
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The demo db's database and its line's role, found by the markers the provisioner leaves. */
async function deployedDb(): Promise<{ database: string; role: string }> {
  return admin(async (c) => {
    const { rows } = await c.query<{ rolname: string; comment: string }>(
      `SELECT rolname, shobj_description(oid, 'pg_authid') AS comment FROM pg_roles
        WHERE shobj_description(oid, 'pg_authid') LIKE 'patchbay:local-postgres-database database=notes\\_local\\_db\\_%'`,
    );
    const row = rows[0];
    if (!row) throw new Error("the demo db's role was not found");
    return { database: /database=(\S+)/.exec(row.comment)![1]!, role: row.rolname };
  });
}

test("a privilege granted by hand shows as drift on the canvas, and reconcile brings it back", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "dev@acme.test");
  await openCanvas(page, "/o/acme/p/notes?env=local");
  await node(page, "db").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  const pill = node(page, "db").getByTestId("node-run-status");
  const badge = node(page, "db").getByTestId("node-drift");
  const panel = inspector(page).getByTestId("drift-panel");
  try {
    await inspector(page)
      .getByRole("region", { name: "Deploy" })
      .getByRole("button", { name: "Deploy" })
      .click();
    await expect(pill).toHaveAttribute("data-action", "apply", { timeout: 15_000 });
    await expect(pill).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });

    const { database, role } = await deployedDb();
    await admin((c) => c.query(`GRANT CREATE ON SCHEMA public TO "${role}"`), database);

    await panel.getByRole("button", { name: "Check drift now" }).click();
    await expect(badge).toBeVisible({ timeout: 30_000 });
    // Beside the run status, never instead of it: the apply still reads succeeded.
    await expect(pill).toHaveAttribute("data-action", "apply");
    await expect(pill).toHaveAttribute("data-status", "succeeded");
    const item = panel.getByTestId("drift-item");
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(`postgresql_role.${role}`);
    await expect(item).toContainText("privileges (schema public)");
    await expect(item).toContainText("USAGE → CREATE, USAGE");

    await panel.getByRole("button", { name: "Reconcile" }).click();
    const queued = await panel.getByTestId("reconcile-status").textContent();
    const number = /#(\d+)/.exec(queued ?? "")?.[1];
    expect(number, String(queued)).toBeTruthy();
    await expect(
      inspector(page).locator(`[data-testid="deployment"][data-number="${number}"]`),
    ).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    await panel.getByRole("button", { name: "Check drift now" }).click();
    await expect(panel.getByTestId("drift-finding")).toHaveAttribute("data-status", "clean", {
      timeout: 30_000,
    });
    await expect(badge).toHaveCount(0);
  } finally {
    await inspector(page).getByRole("button", { name: "Destroy" }).click();
    const confirm = page.getByRole("dialog", { name: "Destroy db in local?" });
    await confirm.getByTestId("typed-confirmation").fill("db");
    await confirm.getByRole("button", { name: "Destroy" }).click();
    await expect(pill).toHaveAttribute("data-action", "destroy", { timeout: 15_000 });
    await expect(pill).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  }
});

test("ops set an environment's drift schedule; a bad one is refused naming the field; a developer only reads it", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  await page.goto("/o/acme/p/notes?tab=settings");
  const row = page
    .getByRole("region", { name: "Environments" })
    .locator('[data-testid="environment-row"][data-slug="local"]');
  const field = row.getByLabel("Drift check schedule");
  // The demo checks hourly.
  await expect(field).toHaveValue("0 * * * *");
  await field.fill("every hour");
  await row.getByRole("button", { name: "Set schedule" }).click();
  await expect(row).toContainText("Schedule must be a cron expression of 5 fields");
  await field.fill("*/30 * * * *");
  // Reload only once the server has answered: a reload right after the click can abort the save
  // (the button is disabled while it is pending too, so its state does not tell).
  const saved = page.waitForResponse(
    (r) => r.url().includes("environment.setDriftSchedule") && r.ok(),
  );
  await row.getByRole("button", { name: "Set schedule" }).click();
  await saved;
  await page.reload();
  await expect(field).toHaveValue("*/30 * * * *");
  await field.fill("0 * * * *");
  await row.getByRole("button", { name: "Set schedule" }).click();
  await expect(row.getByRole("button", { name: "Set schedule" })).toBeDisabled();

  await signIn(page, "dev@acme.test");
  await page.goto("/o/acme/p/notes?tab=settings");
  await expect(row.getByTestId("drift-schedule")).toHaveText("Drift checks: 0 * * * * (UTC)");
  await expect(field).toHaveCount(0);
});
