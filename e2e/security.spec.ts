// Sign-in, sessions and headers as an attacker probes them (issue #15): an open redirect after
// sign-in, a session cookie that outlives sign-out, unlimited password guessing, framing and
// cross-origin writes, and a Content Security Policy the canvas and the param forms live under.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, SAME_ORIGIN, signIn } from "./helpers";

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Collects every CSP violation the page reports, from the console and from the DOM event. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (/Content Security Policy|unsafe-eval/i.test(error.message)) seen.push(error.message);
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return seen;
}

for (const callbackUrl of [
  "/%5Cevil.example/x",
  "/%09/evil.example/x",
  "/%5C%5Cevil.example/x",
  "//evil.example/x",
  "https://evil.example/x",
  "/%0A/evil.example/x",
]) {
  test(`after sign-in, callbackUrl=${callbackUrl} stays on Patchbay`, async ({ page, baseURL }) => {
    // Were the browser sent off-site, this answers instead of a DNS failure, so the test sees where
    // it landed.
    await page.route(
      (url) => url.hostname === "evil.example",
      (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }),
    );
    await page.goto(`/signin?callbackUrl=${callbackUrl}`);
    await submitSignIn(page, "viewer@acme.test", DEMO_PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await expect(page.getByTestId("whoami")).toHaveText("viewer@acme.test");
  });
}

test("a same-origin callbackUrl is followed after sign-in", async ({ page }) => {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/o/acme/catalog")}`);
  await submitSignIn(page, "viewer@acme.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/o\/acme\/catalog$/);
});

test("signing out ends the session: the old cookie no longer reads", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signIn(page, "dev@acme.test");
  const cookies = await page.context().cookies();
  const header = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const outside = await playwright.request.newContext({ baseURL });
  const before = await outside.get("/api/trpc/me.get", { headers: { cookie: header } });
  expect(before.status()).toBe(200);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  const after = await outside.get("/api/trpc/me.get", { headers: { cookie: header } });
  expect(after.status()).toBe(401);
  expect(await after.text()).toContain("UNAUTHORIZED");
  await outside.dispose();
});

test("'Sign out everywhere' ends every session of the user, this one included", async ({
  browser,
  baseURL,
}) => {
  const first = await browser.newPage();
  const second = await browser.newPage({ baseURL });
  await signIn(first, "ops@acme.test");
  await signIn(second, "ops@acme.test");
  await first.getByLabel("Account menu").click();
  await first.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(first).toHaveURL(/\/signin/);
  await second.reload();
  await expect(second).toHaveURL(/\/signin/);
  await first.close();
  await second.close();
});

test("repeated wrong passwords are throttled with a message that says how long to wait", async ({
  page,
}) => {
  const email = `nobody-${Date.now().toString(36)}@acme.test`;
  await page.goto("/signin");
  for (let i = 0; i < 5; i++) {
    await submitSignIn(page, email, `wrong-${i}`);
    await expect(
      page.getByRole("alert").filter({ hasText: "Wrong email or password" }),
    ).toBeVisible();
  }
  await submitSignIn(page, email, "wrong-again");
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /Too many failed sign-ins for this account; try again in \d+ minutes?/ }),
  ).toBeVisible();
});

test("every response carries the security headers; pages a nonce-based CSP without unsafe-eval", async ({
  request,
}) => {
  for (const path of ["/signin", "/api/health"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    // Served over plain HTTP, and a client's own X-Forwarded-Proto is not trusted: no HSTS.
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
  const csp = (await request.get("/signin")).headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  const forged = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(forged.headers()["strict-transport-security"]).toBeUndefined();
});

test("a cross-origin write is refused with 403, a same-origin one goes through", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "dev@acme.test");
  const url = "/api/trpc/project.update";
  const input = { data: { json: { projectId: "nope", description: "x" } } };
  const cross = await page.request.post(url, {
    ...input,
    headers: { origin: "https://evil.example" },
  });
  expect(cross.status()).toBe(403);
  expect(await cross.text()).toContain("Cross-origin request refused");
  const none = await page.request.post(url, input);
  expect(none.status()).toBe(403);
  // Same origin: reaches the procedure (which answers for itself: the project does not exist).
  const same = await page.request.post(url, {
    ...input,
    headers: { origin: new URL(baseURL!).origin },
  });
  expect(same.status()).toBe(404);
});

test("the canvas and the param forms work under the CSP: live validation, no violation", async ({
  page,
}) => {
  const violations = cspViolations(page);
  await signIn(page, "dev@acme.test");
  await page.goto("/o/acme/p/ecommerce-api");
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("component-node")).toHaveCount(8);
  await page.goto("/o/acme/catalog/aws-rds-postgres");
  const dbName = page.getByLabel("Database name");
  await expect(dbName).toHaveValue("app");
  await dbName.fill("Bad-Name");
  await expect(page.getByText("is not a valid database name")).toBeVisible();
  await dbName.fill("orders");
  await expect(page.getByText("is not a valid database name")).toHaveCount(0);
  expect(violations).toEqual([]);
  // The control: string-eval from the page itself (a timer with a string body, as ajv's
  // `new Function` would be) is refused, and the listener sees the violation.
  await page.evaluate(() => setTimeout("document.body.dataset.evalRan = 'yes'", 0));
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.body.dataset.evalRan)).toBeUndefined();
  // ajv's own way, `new Function`, from a script the page inserts (as our validators arrive): the
  // script runs, the Function constructor is refused — why rjsf's default validator cannot be used.
  await page.evaluate(() => {
    const code =
      "try { new Function('return 1')(); document.body.dataset.fn = 'ran'; } catch (e) { document.body.dataset.fn = e.name; }";
    const script = document.createElement("script");
    script.src = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    document.head.appendChild(script);
  });
  await expect.poll(() => page.evaluate(() => document.body.dataset.fn)).toBe("EvalError");
});

test("the form validator endpoint refuses a schema nested past the input limits, naming where", async ({
  page,
}) => {
  await signIn(page, "dev@acme.test");
  let deep: Record<string, unknown> = { type: "string" };
  for (let i = 0; i < 40; i++) deep = { type: "object", properties: { a: deep } };
  const refused = await page.request.post("/api/forms/validator", {
    data: deep,
    headers: SAME_ORIGIN,
  });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
    /^schema\.properties\.a\..*must be nested at most 24 levels deep$/,
  );
  const shallow = await page.request.post("/api/forms/validator", {
    data: { type: "object", properties: { a: { type: "string" } } },
    headers: SAME_ORIGIN,
  });
  expect(shallow.status()).toBe(200);
});
