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
