// A developer cannot get around an ops-locked production preset. With the owner's guardrail
// on, production's orders-db is pinned to the ops preset "Postgres – Production" (it locks
// deletion protection and narrows the instance class): in the inspector every other preset and
// custom values are disabled, saying why; the same re-pin to the built-in Development preset
// sent over HTTP is refused with the same words, and nothing is saved. A new database dropped
// in production starts on the built-in Production preset, never on Development.
import { expect, test, type Page } from "@playwright/test";
import {
  call,
  createProject,
  dragFromPalette,
  inspector,
  node,
  openCanvas,
  saved,
  stamp,
} from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const PRESET = "Postgres – Production";
const configure = (page: Page) => inspector(page).getByRole("tabpanel");

type Catalog = {
  bundles: {
    name: string;
    version: string;
    presets: { name: string; versions: { version: number; values: Record<string, unknown> }[] }[];
  }[];
};
type Stored = {
  revision: number;
  diagram: {
    components: { id: string; name: string }[];
    instances: Record<
      string,
      Record<
        string,
        { preset: string | null; presetVersion?: number; params: Record<string, unknown> }
      >
    >;
  };
};

test("a developer in production cannot move orders-db off the ops preset: the other presets are disabled with the reason, and the server refuses the same write", async ({
  page,
  browser,
}) => {
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, "owner@acme.test");
  const org = await call<{ id: string }>(owner, "organization.bySlug", { slug: "acme" }, "query");
  const guardrail = (
    await call<{ requireProductionPresets: boolean }>(
      owner,
      "preset.list",
      { organizationId: org.id },
      "query",
    )
  ).requireProductionPresets;
  await call(
    owner,
    "preset.setGuardrail",
    { organizationId: org.id, requireProductionPresets: true },
    "mutation",
  );
  try {
    // Set-up by ops over HTTP: orders-db on Development in staging and on the ops preset v1 in
    // production.
    const ops = await (await browser.newContext()).newPage();
    await signIn(ops, "ops@acme.test");
    const path = await createProject(ops, "lock");
    const project = await call<{ id: string; environments: { id: string; slug: string }[] }>(
      ops,
      "project.bySlug",
      { organizationId: org.id, slug: path.split("/").pop() },
      "query",
    );
    const [staging, production] = ["staging", "production"].map(
      (slug) => project.environments.find((e) => e.slug === slug)!.id,
    );
    const rds = (
      await call<Catalog>(ops, "diagram.catalog", { projectId: project.id }, "query")
    ).bundles.find((b) => b.name === "aws-rds-postgres")!;
    const values = (name: string, version?: number) => {
      const versions = rds.presets.find((p) => p.name === name)!.versions;
      return structuredClone(
        (version ? versions.find((v) => v.version === version)! : versions[0]!).values,
      );
    };
    const component = {
      id: `cmp-lock-${stamp()}`,
      name: "orders-db",
      bundle: rds.name,
      version: rds.version,
      x: 100,
      y: 100,
    };
    const instances = {
      [staging!]: { params: values("Development"), preset: "Development" },
      [production!]: { params: values(PRESET, 1), preset: PRESET, presetVersion: 1 },
    };
    await call(
      ops,
      "diagram.change",
      {
        projectId: project.id,
        baseRevision: 0,
        ops: [{ op: "addComponent", component, instances }],
      },
      "mutation",
    );
    await ops.context().close();

    await signIn(page, "dev@acme.test");
    await openCanvas(page, `${path}?env=production`);
    await node(page, "orders-db").click();
    const select = configure(page).getByLabel("Preset");
    await expect(select).toHaveValue(PRESET);
    const reason = `"orders-db" is pinned to preset "${PRESET}" v1, which locks deletion_protection and narrows backup.retention_days, instance_class, storage.allocated_gb; moving it off that preset is an ops action (you are developer)`;
    await expect(configure(page).getByTestId("preset-bound")).toHaveText(`${reason}.`);
    // Every other choice is disabled, and says why.
    for (const other of [
      /^Development v\d+ \(built-in\)/,
      /^Production v\d+ \(built-in\)/,
      /^Custom values/,
    ]) {
      const option = select.locator("option", { hasText: other });
      await expect(option).toBeDisabled();
      await expect(option).toContainText("the current preset binds this instance (ops only)");
    }
    // Development is not a production preset in any case.
    await expect(select.locator("option", { hasText: /^Development/ })).toContainText(
      "non-production environments only",
    );

    // The server is the guard: the re-pin over HTTP, with the page's cookies, is refused with the
    // same words and saves nothing.
    const before = await call<Stored>(page, "diagram.get", { projectId: project.id }, "query");
    const repin = {
      op: "setInstance",
      component: component.id,
      environment: production,
      config: {
        params: { ...values("Development"), deletion_protection: false },
        preset: "Development",
      },
    };
    const status = await page.evaluate(
      async (body) => {
        const response = await fetch("/api/trpc/diagram.change", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: body }),
        });
        return { status: response.status, text: await response.text() };
      },
      { projectId: project.id, baseRevision: before.revision, ops: [repin] },
    );
    expect(status.status).toBe(400);
    expect(JSON.parse(status.text).error.json.message).toBe(`ops.0.preset: ${reason}`);
    const after = await call<Stored>(page, "diagram.get", { projectId: project.id }, "query");
    expect(after.revision).toBe(before.revision);
    expect(after.diagram.instances[component.id]![production!]).toMatchObject({
      preset: PRESET,
      presetVersion: 1,
      params: { deletion_protection: true },
    });

    // A new database in production starts on a preset allowed there: the built-in Production, not
    // Development.
    await dragFromPalette(page, "aws-rds-postgres", 700, 500);
    await saved(page);
    await node(page, "rds-postgres").click();
    await expect(configure(page).getByLabel("Preset")).toHaveValue("Production");
    await expect(configure(page).getByTestId("preset-summary")).toContainText(
      "Pinned to Production v1 (built-in)",
    );
    await expect(configure(page).getByLabel("Instance class").locator("option:checked")).toHaveText(
      "r7g.large (2 vCPU, 16 GiB)",
    );
  } finally {
    await call(
      owner,
      "preset.setGuardrail",
      { organizationId: org.id, requireProductionPresets: guardrail },
      "mutation",
    );
    await owner.context().close();
  }
});
