// Secrets and environment defaults through the UI: a developer sets a component's secret in
// the inspector (write-only: afterwards only "set" and a fingerprint, also after a reload, and
// the value is nowhere in the page), and an ops user adds an environment default whose
// sensitive field is listed masked. Each journey gets a project of its own, so it re-runs.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import {
  createProject,
  dragFromPalette,
  inspector,
  node,
  openCanvas,
  saved,
} from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

test("a developer sets a secret in the inspector: write-only, shown as set with its fingerprint, still set after a reload", async ({
  page,
}) => {
  // Setup as ops (only ops create projects): a project with one local-process component.
  await signIn(page, "ops@acme.test");
  const project = await createProject(page, "secrets");
  await openCanvas(page, project);
  await dragFromPalette(page, "local-process", 300, 200);
  await expect(node(page, "process")).toBeVisible();
  await saved(page);
  await signOut(page);

  await signIn(page, "dev@acme.test");
  await openCanvas(page, `${project}?env=staging`);
  await node(page, "process").click();
  const secrets = inspector(page).getByRole("region", { name: "Secrets" });
  const session = secrets.locator('[data-testid="secret"][data-name="SESSION_SECRET"]');
  await expect(session).toContainText("required");
  await expect(session.getByTestId("secret-status")).toHaveText("not set");

  const value = `e2e-${randomBytes(16).toString("hex")}`;
  const input = session.getByLabel("Session signing secret");
  await expect(input).toHaveAttribute("type", "password");
  await input.fill(value);
  await session.getByRole("button", { name: "Save" }).click();
  // Keyed per organization: a fingerprint, but not the plain SHA-256 a viewer could test guesses
  // against.
  const status = /^set · fingerprint [0-9a-f]{12}… · by Dana Developer · just now$/;
  await expect(session.getByTestId("secret-status")).toHaveText(status);
  await expect(session.getByTestId("secret-status")).not.toContainText(sha256(value).slice(0, 12));
  await expect(input).toHaveValue("");
  expect(await page.content()).not.toContain(value);

  // The optional one stays unset; another environment has its own secrets.
  await expect(
    secrets
      .locator('[data-testid="secret"][data-name="STRIPE_API_KEY"]')
      .getByTestId("secret-status"),
  ).toHaveText("not set");

  await page.reload();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await node(page, "process").click();
  await expect(
    inspector(page)
      .locator('[data-testid="secret"][data-name="SESSION_SECRET"]')
      .getByTestId("secret-status"),
  ).toHaveText(status);
  expect(await page.content()).not.toContain(value);

  await page.getByLabel("Environment", { exact: true }).selectOption("production");
  await node(page, "process").click();
  await expect(
    inspector(page)
      .locator('[data-testid="secret"][data-name="SESSION_SECRET"]')
      .getByTestId("secret-status"),
  ).toHaveText("not set");
});

test("ops adds an environment default in Settings; its sensitive field is listed masked; a developer sees it read-only", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const project = await createProject(page, "defaults");
  await page.goto(`${project}?tab=settings`);
  const section = page.getByRole("region", { name: "Environment defaults" });
  await section.getByLabel("Environment", { exact: true }).selectOption({ label: "Staging" });
  await expect(section.getByText("No defaults in this environment.")).toBeVisible();

  const secret = `e2eSecret${randomBytes(12).toString("hex")}`;
  const form = section.getByRole("form", { name: "New default" });
  await form.getByLabel("Artifact type").selectOption("aws-credentials");
  await form.getByLabel("Default name").fill("sandbox-keys");
  await form.getByLabel("Access key ID").fill("AKIAIOSFODNN7EXAMPLE");
  await expect(form.getByLabel("Secret access key")).toHaveAttribute("type", "password");
  await form.getByLabel("Secret access key").fill(secret);
  // A region that breaks the type's pattern is refused by the server, naming the field.
  await form.getByLabel("Default region").fill("Europe");
  await form.getByRole("button", { name: "Add default" }).click();
  await expect(form.getByRole("alert")).toContainText(
    "payload.region: is not a valid default region",
  );
  await form.getByLabel("Default region").fill("eu-west-1");
  await form.getByRole("button", { name: "Add default" }).click();

  const item = section.locator('[data-testid="environment-default"][data-name="sandbox-keys"]');
  await expect(item).toContainText("aws-credentials");
  await expect(item.getByTestId("payload-access_key_id")).toHaveText("AKIAIOSFODNN7EXAMPLE");
  await expect(item.getByTestId("payload-secret_access_key")).toHaveText(
    /^set · fingerprint [0-9a-f]{12}…$/,
  );
  await expect(item.getByTestId("payload-secret_access_key")).not.toContainText(
    sha256(secret).slice(0, 12),
  );
  await expect(form.getByLabel("Default name")).toHaveValue("");
  expect(await page.content()).not.toContain(secret);
  await signOut(page);

  await signIn(page, "dev@acme.test");
  await page.goto(`${project}?tab=settings`);
  const readOnly = page.getByRole("region", { name: "Environment defaults" });
  await readOnly.getByLabel("Environment", { exact: true }).selectOption({ label: "Staging" });
  await expect(
    readOnly
      .locator('[data-testid="environment-default"][data-name="sandbox-keys"]')
      .getByTestId("payload-secret_access_key"),
  ).toContainText("set · fingerprint");
  await expect(readOnly.getByText(/Your role \(developer\) can't change them/)).toBeVisible();
  await expect(readOnly.getByRole("button", { name: "Add default" })).toHaveCount(0);
  await expect(readOnly.getByRole("button", { name: "Remove" })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
});
