import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { SAME_ORIGIN, signIn } from "./helpers";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** A tRPC call over HTTP with the page's session (superjson envelope). */
async function trpc<T>(
  page: Page,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "query",
): Promise<T> {
  const url = `/api/trpc/${path}`;
  const response =
    kind === "query"
      ? await page.request.get(
          `${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
        )
      : await page.request.post(url, { data: { json: input }, headers: SAME_ORIGIN });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("changes land in the project's history with who, what and before → after; the org log exports", async ({
  page,
}) => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const description = `Checkout and payments API, revision ${stamp}`;
  const envSlug = `qa-${stamp}`;

  // A project of its own, so this journey neither sees nor changes other specs' data.
  await signIn(page, "ops@acme.test");
  const org = await trpc<{ id: string }>(page, "organization.bySlug", { slug: "acme" });
  await trpc(
    page,
    "project.create",
    { organizationId: org.id, slug: `audit-${stamp}`, name: `audit-${stamp}` },
    "mutation",
  );
  await signOut(page);
  const PROJECT = `/o/acme/p/audit-${stamp}`;

  await signIn(page, "dev@acme.test");
  await page.goto(`${PROJECT}?tab=settings`);
  await expect(page.getByRole("tab", { name: "Settings" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  const details = page.getByRole("form", { name: "Project details" });
  await details.getByLabel("Description").fill(description);
  await details.getByRole("button", { name: "Save changes" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");
  // A developer is told up front that environments need ops; the server still decides.
  await expect(page.getByText(/Your role \(developer\) can't create environments/)).toBeVisible();
  await signOut(page);

  await signIn(page, "ops@acme.test");
  await page.goto(`${PROJECT}?env=staging`);
  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page).toHaveURL(/tab=settings/);
  await expect(page).toHaveURL(/env=staging/);
  const newEnv = page.getByRole("form", { name: "New environment" });
  await newEnv.getByLabel("Slug").fill("Not A Slug");
  await newEnv.getByLabel("Name").fill(`QA ${stamp}`);
  await newEnv.getByRole("button", { name: "Create environment" }).click();
  await expect(newEnv.getByText(/Slug must be 2–40 lowercase letters/)).toBeVisible();
  await newEnv.getByLabel("Slug").fill(envSlug);
  await newEnv.getByRole("button", { name: "Create environment" }).click();
  await expect(newEnv.getByRole("status")).toHaveText(`Environment “QA ${stamp}” created.`);
  await expect(page.getByRole("region", { name: "Environments" }).getByText(envSlug)).toBeVisible();

  await page.getByRole("tab", { name: "History" }).click();
  await expect(page).toHaveURL(/tab=history/);
  const rows = page.getByTestId("audit-row");
  const envRow = rows.filter({ hasText: "environment.created" }).filter({ hasText: envSlug });
  await expect(envRow).toHaveCount(1);
  await expect(envRow).toContainText("ops@acme.test");
  const descRow = rows.filter({ hasText: "project.updated" }).filter({ hasText: description });
  await expect(descRow).toHaveCount(1);
  await expect(descRow).toContainText("dev@acme.test");
  await expect(descRow).toContainText("developer");
  const change = descRow.getByTestId("change-row").filter({ hasText: "description" });
  await expect(change.getByRole("rowheader")).toHaveText("description");
  await expect(change.getByRole("cell").last()).toHaveText(description);
  await page.screenshot({ path: "test-results/project-history.png", fullPage: true });

  await expect(rows.filter({ hasText: "project.created" })).toContainText("ops@acme.test");
  await expect(rows).toHaveCount(3);

  await page.getByLabel("Actor").fill("ops@acme.test");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasNotText: "ops@acme.test" })).toHaveCount(0);
  await expect(envRow).toHaveCount(1);
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(rows).toHaveCount(3);
  await page.getByLabel("Search").fill("payments API");
  await expect(rows).toHaveCount(1);
  await expect(descRow).toHaveCount(1);
  await page.getByLabel("Search").fill(envSlug);
  await expect(rows).toHaveCount(1);
  await expect(envRow).toHaveCount(1);

  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Chain" })).toHaveText(
    /^Chain intact — \d+ events verified \(.*keyed\)$/,
  );

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Audit log" })
    .click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(rows.filter({ hasText: envSlug })).toHaveCount(1);
  // Targets by name with a link; sign-ins left out until asked for.
  await expect(
    rows.filter({ hasText: envSlug }).getByTestId("audit-target").getByRole("link").first(),
  ).toHaveAttribute("href", new RegExp(`\\?env=${envSlug}$`));
  await expect(rows.filter({ hasText: "auth.signed_in" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Show sign-ins" }).check();
  await expect(rows.filter({ hasText: "auth.signed_in" }).first()).toBeVisible();
  await page.getByRole("checkbox", { name: "Show sign-ins" }).uncheck();
  await page.getByLabel("Target").selectOption("project");
  await expect(rows.filter({ hasText: "project.updated" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "environment.created" })).toHaveCount(0);
  await page.getByLabel("Target").selectOption("");
  await page.getByLabel("Action").selectOption("environment.created");
  await expect(rows.filter({ hasNotText: "environment.created" })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toContain("action");
  expect(csv).toContain("environment.created");
  expect(csv).toContain(envSlug);
  expect(csv).not.toContain("project.updated");
});

test("an owner downloads a signed checkpoint and the chain verifies against it; an altered one is refused", async ({
  page,
}) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/o/acme/audit");
  const panel = page.getByRole("region", { name: "Checkpoints" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download checkpoint" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^patchbay-audit-checkpoint-\d+-.*\.json$/);
  const file = (await download.path())!;
  const checkpoint = JSON.parse(await readFile(file, "utf8")) as {
    seq: number;
    at: string;
    signature: string;
  };
  expect(checkpoint.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
  await expect(panel.getByRole("status").filter({ hasText: "downloaded" })).toContainText(
    `Checkpoint of event #${checkpoint.seq} downloaded`,
  );
  // The export is itself in the trail.
  await expect(
    page.getByTestId("audit-row").filter({ hasText: "audit.checkpoint_exported" }).first(),
  ).toContainText("owner@acme.test");

  const verify = panel.getByRole("form", { name: "Verify against a checkpoint" });
  const verdict = panel.getByRole("status", { name: "Checkpoint verification" });
  await verify.getByLabel("or choose its file").setInputFiles(file);
  await verify.getByRole("button", { name: "Verify against checkpoint" }).click();
  await expect(verdict).toHaveText(
    new RegExp(
      `^Checkpoint holds: event #${checkpoint.seq} still matches the checkpoint of ${checkpoint.at.replace(/[.]/g, "\\.")}\\. Chain intact — \\d+ events verified`,
    ),
  );

  await panel.screenshot({ path: "test-results/audit-checkpoint.png" });

  const altered = { ...checkpoint, seq: checkpoint.seq - 1 };
  await verify.getByLabel("Checkpoint (paste its JSON)").fill(JSON.stringify(altered));
  await verify.getByRole("button", { name: "Verify against checkpoint" }).click();
  await expect(verdict).toHaveText(
    /^Could not verify: checkpoint\.signature: does not match the checkpoint's fields/,
  );
  await verify.getByLabel("Checkpoint (paste its JSON)").fill("not json");
  await verify.getByRole("button", { name: "Verify against checkpoint" }).click();
  await expect(verify.getByText("Checkpoint must be the JSON document")).toBeVisible();
});
