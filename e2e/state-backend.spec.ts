// Ops point Terraform (here: its http backend protocol, spoken over HTTP with an ops API token)
// at the demo API's state in staging, read on the Deploy tab: the backend block, two versions and
// their diff (the sensitive output never shown), the lock's holder and Force unlock, and the
// audited Download of a version as a file.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { call, inspector, node, openCanvas, stamp } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const SENSITIVE = "e2e-sensitive-output-value";

function tfState(serial: number, lineage: string, greeting: string): string {
  const value = { value: greeting, type: "string" };
  return JSON.stringify({
    version: 4,
    terraform_version: "1.11.4",
    serial,
    lineage,
    outputs: {
      greeting: value,
      token: { value: SENSITIVE, type: "string", sensitive: true },
    },
    resources: [
      {
        mode: "managed",
        type: "terraform_data",
        name: "app",
        provider: 'provider["terraform.io/builtin/terraform"]',
        instances: [
          {
            schema_version: 0,
            attributes: { id: "app", input: value, output: value, triggers_replace: null },
            sensitive_attributes: [],
          },
        ],
      },
    ],
  });
}

test("a Patchbay state from a terminal: backend block, versions, diff, lock holder, force unlock, download", async ({
  page,
  request,
}) => {
  await signIn(page, "ops@acme.test");
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const { value } = await call<{ value: string }>(
    page,
    "token.create",
    { organizationId: org.id, name: `state-${stamp()}`, role: "ops", expiresInDays: 1 },
    "mutation",
  );
  await openCanvas(page, "/o/acme/p/ecommerce-api?env=staging");
  await node(page, "api").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  const section = page.getByTestId("state-section");
  const block = (await section.getByTestId("state-backend-block").first().textContent()) ?? "";
  expect(block).toContain('backend "http"');
  const address = /\baddress\s+=\s+"([^"]+)"/.exec(block)?.[1] ?? "";
  expect(address).toMatch(/\/api\/state\/[^/]+\/src$/);

  // What `terraform apply` does, twice: lock, write under the lock's ID, unlock.
  const headers = { authorization: `Basic ${Buffer.from(`ops:${value}`).toString("base64")}` };
  // A lock an earlier, interrupted run of this journey left: `terraform force-unlock` (no body).
  expect((await request.fetch(address, { method: "UNLOCK", headers })).status()).toBe(200);
  const current = await request.get(address, { headers });
  const stored = current.status() === 200 ? await current.json() : null;
  const lineage: string = stored?.lineage ?? `e2e-${stamp()}`;
  const serial: number = stored?.serial ?? 0;
  for (const [n, greeting] of [
    [serial + 1, "hello"],
    [serial + 2, "world"],
  ] as const) {
    const id = `lock-${stamp()}`;
    const info = {
      ID: id,
      Operation: "OperationTypeApply",
      Who: "ops@terminal",
      Version: "1.11.4",
    };
    expect((await request.fetch(address, { method: "LOCK", headers, data: info })).status()).toBe(
      200,
    );
    const write = await request.post(`${address}?ID=${id}`, {
      headers,
      data: tfState(n, lineage, greeting),
    });
    expect(write.status()).toBe(200);
    expect((await request.fetch(address, { method: "UNLOCK", headers, data: info })).status()).toBe(
      200,
    );
  }
  // A plan left running in another terminal holds the lock.
  const held = { ID: `held-${stamp()}`, Operation: "OperationTypePlan", Who: "alice@laptop" };
  expect((await request.fetch(address, { method: "LOCK", headers, data: held })).status()).toBe(
    200,
  );

  await page.reload();
  await node(page, "api").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  await expect(section.getByTestId("state-lock")).toContainText("Locked by alice@laptop");
  const versions = section.getByTestId("state-version");
  await expect(versions.nth(1)).toBeVisible();
  const diff = section.getByTestId("state-diff");
  await expect(diff).toContainText('output.greeting (changed): "hello" → "world"');
  await expect(diff).toContainText("terraform_data.app");
  await expect(page.getByText(SENSITIVE)).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    versions.first().getByRole("button", { name: "Download" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^src-v\d+\.tfstate$/);
  const text = readFileSync((await download.path()) ?? "", "utf8");
  expect(JSON.parse(text)).toMatchObject({ serial: serial + 2, lineage });
  expect(text).toContain(SENSITIVE);

  page.once("dialog", (dialog) => dialog.accept());
  await section.getByRole("button", { name: "Force unlock" }).click();
  await expect(section.getByTestId("state-lock")).toHaveCount(0);
  // Terraform's own unlock now finds nothing held; a new lock is free to take.
  const again = { ...held, ID: `again-${stamp()}` };
  expect((await request.fetch(address, { method: "LOCK", headers, data: again })).status()).toBe(
    200,
  );
  expect((await request.fetch(address, { method: "UNLOCK", headers, data: again })).status()).toBe(
    200,
  );
});
