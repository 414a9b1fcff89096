import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "patchbay-demo";

/**
 * Headers for a write over HTTP with the page's cookies: a browser always sends Origin on a
 * POST, and the server refuses a cookie-carrying write without it (or from another origin).
 */
export const SAME_ORIGIN = {
  origin: new URL(process.env.PATCHBAY_BASE_URL ?? "http://localhost:3000").origin,
};

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toHaveText(email);
}

/** A fresh, empty project of acme (created as ops over HTTP); its canvas path. */
export async function freshProject(page: Page, prefix: string): Promise<string> {
  const slug = `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await signIn(page, "ops@acme.test");
  const bySlug = await page.request.get(
    `/api/trpc/organization.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: "acme" } }))}`,
  );
  const org = ((await bySlug.json()) as { result: { data: { json: { id: string } } } }).result.data
    .json;
  const created = await page.request.post("/api/trpc/project.create", {
    data: { json: { organizationId: org.id, slug, name: slug } },
    headers: SAME_ORIGIN,
  });
  expect(created.ok(), await created.text()).toBe(true);
  return `/o/acme/p/${slug}`;
}
