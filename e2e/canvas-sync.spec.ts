// Saving never loses an edit: edits survive a trip to Compare and History; a save meeting
// someone else's newer save is merged onto it (different components) or shown for a decision
// (the same field); a save meeting a 500 is retried until the server answers. Each journey
// gets a project of its own with two local processes, `api` and `worker`, placed over HTTP.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { call, centre, inspector, node, openCanvas, saved, stamp } from "./canvas-helpers";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

type Config = { params: Record<string, unknown> };
type Saved = {
  diagram: {
    components: { id: string; x: number }[];
    instances: Record<string, Record<string, Config>>;
  };
};

async function setUp(page: Page) {
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const slug = `sync-${stamp()}`;
  const project = await call<{ id: string }>(
    page,
    "project.create",
    { organizationId: org.id, slug, name: slug },
    "mutation",
  );
  const catalog = await call<{ bundles: { name: string; version: string }[] }>(
    page,
    "diagram.catalog",
    { projectId: project.id },
    "query",
  );
  const version = catalog.bundles.find((b) => b.name === "local-process")?.version;
  const ids = { api: `api-${slug}`, worker: `worker-${slug}` };
  const ops = (["api", "worker"] as const).map((name, i) => ({
    op: "addComponent",
    component: { id: ids[name], name, bundle: "local-process", version, x: 0, y: i * 320 },
  }));
  await call(page, "diagram.change", { projectId: project.id, baseRevision: 0, ops }, "mutation");
  /** The port each component has in the saved diagram (staging: the canvas's first environment). */
  const ports = async () => {
    const d = await call<Saved>(page, "diagram.get", { projectId: project.id }, "query");
    const port = (id: string) =>
      Object.values(d.diagram.instances[id] ?? {}).map((c) => c.params.port)[0];
    return { api: port(ids.api), worker: port(ids.worker) };
  };
  const apiX = async () => {
    const d = await call<Saved>(page, "diagram.get", { projectId: project.id }, "query");
    return d.diagram.components.find((c) => c.id === ids.api)?.x;
  };
  return { path: `/o/acme/p/${slug}`, ports, apiX };
}

async function setPort(page: Page, component: string, port: string) {
  await node(page, component).click();
  const field = inspector(page).getByLabel("Port");
  await field.fill(port);
  await expect(field).toHaveValue(port);
}

async function secondEditor(browser: Browser, path: string) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, "dev@acme.test");
  await openCanvas(page, path);
  return { context, page };
}

const noNotice = async (page: Page) => {
  await expect(page.getByTestId("canvas-notice")).toHaveCount(0);
  await expect(page.getByTestId("sync-conflicts")).toHaveCount(0);
};

test("edit, open Compare and History, come back, edit again: both saved, no conflict", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const { path, ports, apiX } = await setUp(page);
  await openCanvas(page, path);
  await setPort(page, "api", "8080");
  await saved(page);

  await page.getByRole("tab", { name: "Compare" }).click();
  await expect(page.getByLabel("Left environment")).toBeVisible();
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("heading", { name: "Project history" })).toBeVisible();
  await page.getByRole("tab", { name: "Canvas" }).click();
  await expect(page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");

  await setPort(page, "worker", "9090");
  await saved(page);
  // A drag is an edit too (its frames go through the connection channel; one save at the end).
  const from = await centre(node(page, "api").getByText("local-process@"));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 200, from.y, { steps: 10 });
  await page.mouse.up();
  await saved(page);
  await noNotice(page);
  expect(await ports()).toEqual({ api: 8080, worker: 9090 });
  expect(await apiX()).toBeGreaterThan(50);
});

test("another person saves meanwhile: a change to another component is merged, the same field is mine or theirs to choose", async ({
  page,
  browser,
}) => {
  await signIn(page, "ops@acme.test");
  const { path, ports } = await setUp(page);
  await openCanvas(page, path);
  const other = await secondEditor(browser, path);

  // They change the worker; my next edit (the api) is merged onto theirs, no reload.
  await setPort(other.page, "worker", "9191");
  await saved(other.page);
  await setPort(page, "api", "8181");
  await saved(page);
  await noNotice(page);
  expect(await ports()).toEqual({ api: 8181, worker: 9191 });
  await node(page, "worker").click();
  await expect(inspector(page).getByLabel("Port")).toHaveValue("9191");

  // Both set the api's port: the later one is told, with the field and both values.
  await other.page.reload();
  await expect(other.page.getByTestId("canvas")).toHaveAttribute("data-ready", "true");
  await setPort(other.page, "api", "7001");
  await saved(other.page);
  await setPort(page, "api", "7002");
  const conflict = page.getByTestId("sync-conflict");
  await expect(conflict).toContainText("port of api in Staging: yours 7002, theirs 7001");
  await expect(page.getByTestId("save-state")).toHaveText("1 change to decide");
  await expect(inspector(page).getByLabel("Port")).toHaveValue("7001");
  expect(await ports()).toEqual({ api: 7001, worker: 9191 });

  // Keeping mine saves it on top of theirs; nothing was dropped on the way.
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await saved(page);
  await expect(inspector(page).getByLabel("Port")).toHaveValue("7002");
  expect(await ports()).toEqual({ api: 7002, worker: 9191 });
  await other.context.close();
});

test("a save that meets a 500 is retried, says so, and lands once the server answers", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const { path, ports } = await setUp(page);
  await openCanvas(page, path);
  let refused = 0;
  await page.route("**/api/trpc/diagram.change**", async (route) => {
    if (refused < 2) {
      refused++;
      await route.fulfill({ status: 500, body: "upstream unavailable" });
    } else await route.continue();
  });
  await setPort(page, "api", "8282");
  await expect(page.getByTestId("save-state")).toContainText(/Retrying in \ds…/);
  await saved(page);
  expect(refused).toBe(2);
  await noNotice(page);
  expect(await ports()).toEqual({ api: 8282, worker: undefined });
});

test("switching environment with an edit waiting: it is saved, the other environment's values show once read, and the canvas reads one environment at a time", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");
  const { path } = await setUp(page);
  const slug = path.split("/").at(-1)!;
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const project = await call<{ id: string; environments: { id: string; slug: string }[] }>(
    page,
    "project.bySlug",
    { organizationId: org.id, slug },
    "query",
  );
  const [first, second] = project.environments;
  if (!first || !second) throw new Error("a new project has two environments");
  // The api configured in the second environment only (over HTTP, as another person would).
  const { revision } = await call<{ revision: number }>(
    page,
    "diagram.get",
    { projectId: project.id },
    "query",
  );
  const there = {
    params: { command: ["npm", "run", "dev"], working_directory: ".", port: 7777 },
    preset: "Node dev server",
  };
  await call(
    page,
    "diagram.change",
    {
      projectId: project.id,
      baseRevision: revision,
      ops: [{ op: "setInstance", component: `api-${slug}`, environment: second.id, config: there }],
    },
    "mutation",
  );

  // Every diagram.get the page makes, with the environments it asks for.
  const reads: unknown[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    // Batched: /api/trpc/a,b,c?batch=1&input={"0":…,"1":…,"2":…}
    const at = url.pathname.split("/").at(-1)!.split(",").indexOf("diagram.get");
    if (at < 0) return;
    const input = JSON.parse(url.searchParams.get("input") ?? "{}") as Record<string, unknown>;
    const asked = input[String(at)] as { json?: { environments?: unknown } } | undefined;
    reads.push(asked?.json?.environments ?? "all");
    // The page itself rendered again by the server (which would read the diagram there).
    if (url.pathname === path && url.searchParams.has("_rsc")) reads.push("page");
  });
  // The read of the second environment takes a moment: the inspector says it is loading.
  await page.route("**/api/trpc/diagram.get**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await openCanvas(page, path);
  await node(page, "api").click();
  const field = inspector(page).getByLabel("Port");
  await field.fill("8080");
  // Typing saves after a pause: the edit is still waiting when the environment changes.
  await page.getByLabel("Environment", { exact: true }).selectOption(second.slug);
  await expect(inspector(page).getByTestId("configuration-loading")).toBeVisible();
  await expect(inspector(page).getByLabel("Port")).toHaveValue("7777");
  await saved(page);
  await noNotice(page);
  // Back to the first: held already, no loading, my edit there.
  await page.getByLabel("Environment", { exact: true }).selectOption(first.slug);
  await expect(inspector(page).getByLabel("Port")).toHaveValue("8080");
  const stored = await call<Saved>(page, "diagram.get", { projectId: project.id }, "query");
  const api = stored.diagram.instances[`api-${slug}`];
  expect([api?.[first.id]?.params.port, api?.[second.id]?.params.port]).toEqual([8080, 7777]);
  // The page rendered with the first environment's read; the switch read both, nothing more
  // (not the page again on the server either).
  expect(reads).toEqual([[first.id, second.id]]);
});
