import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// An ops member creates a token in Settings (shown once), the token works over HTTP as a
// Bearer principal, and after Revoke the same call answers 401 "token revoked".
test("ops creates an API token, uses it with Bearer, revokes it", async ({ page, request }) => {
  await signIn(page, "ops@acme.test");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const name = `e2e-${Date.now()}`;
  const form = page.getByRole("form", { name: "Create API token" });
  // Owner is above ops: not offered (the server refuses it anyway).
  await expect(form.getByLabel("Role").locator("option")).toHaveText([
    "ops",
    "developer",
    "viewer",
  ]);
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption("developer");
  await form.getByLabel("Expires in (days)").fill("400");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "expiresInDays: must be at most 365 days" }),
  ).toBeVisible();
  await form.getByLabel("Expires in (days)").fill("7");
  await form.getByRole("button", { name: "Create token" }).click();
  const value = (await page.getByTestId("token-value").textContent()) ?? "";
  expect(value).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText("developer");
  await expect(row).toContainText("never");

  const orgId = await page.evaluate(async () => {
    const res = await fetch(
      "/api/trpc/organization.bySlug?input=" +
        encodeURIComponent(JSON.stringify({ json: { slug: "acme" } })),
    );
    return (await res.json()).result.data.json.id as string;
  });
  const list = `/api/trpc/project.list?input=${encodeURIComponent(JSON.stringify({ json: { organizationId: orgId } }))}`;
  const bearer = { headers: { authorization: `Bearer ${value}` } };
  // Playwright's request fixture has its own (empty) cookie jar: the token alone.
  const ok = await request.get(list, bearer);
  expect(ok.status()).toBe(200);
  expect(JSON.stringify(await ok.json())).toContain("ecommerce-api");

  page.once("dialog", (dialog) => dialog.accept());
  await page.reload();
  await page
    .getByTestId("token-row")
    .filter({ hasText: name })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(page.getByTestId("token-row").filter({ hasText: name })).toContainText("revoked");
  // The value is not on the page any more.
  await expect(page.getByText(value)).toHaveCount(0);
  const refused = await request.get(list, bearer);
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.json.message).toMatch(/^token revoked/);
});

test("a developer sees that tokens are for ops and owners", async ({ page }) => {
  await signIn(page, "dev@acme.test");
  await page.goto("/o/acme/settings");
  await expect(
    page.getByText("API tokens are managed by ops and owners; you are developer."),
  ).toBeVisible();
});
