// Requesting a deployment: an application whose bundle declares a required secret is blocked
// in production, the Deploy tab naming the secret and where to set it; the same request over
// HTTP is refused in the same words and nothing is recorded. Once the secret is set a plan is
// queued, and the runner ends it failed, saying plainly that no helm provisioner runs here; once
// its upstream cluster runs, so is an apply. The journey gets a project of its own, so it re-runs.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import {
  call,
  createProject,
  dragFromPalette,
  drawLink,
  handle,
  inspector,
  node,
  openCanvas,
  saved,
} from "./canvas-helpers";
import { SAME_ORIGIN, signIn } from "./helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const NO_HELM =
  "No helm provisioner runs on this server yet: k8s-application cannot be deployed here";

const SECRET_BLOCKER =
  'secrets.SESSION_SECRET: required secret "SESSION_SECRET" is not set in production';

/** A mutation over HTTP expected to be refused: its status and the server's message. */
async function refused(
  page: Page,
  path: string,
  input: unknown,
): Promise<{ status: number; message: string }> {
  const response = await page.request.post(`/api/trpc/${path}`, {
    data: { json: input },
    headers: SAME_ORIGIN,
  });
  const body = (await response.json()) as { error: { json: { message: string } } };
  return { status: response.status(), message: body.error.json.message };
}

test("a deployment is blocked while a required secret is unset; set it, plan, and once the cluster runs, deploy: each run fails naming the missing provisioner", async ({
  page,
  browser,
}) => {
  await signIn(page, "ops@acme.test");
  const path = await createProject(page, "deploy");

  // As a developer, in production: a cluster and an application on it.
  const dev = await (
    await browser.newContext({ viewport: { width: 1600, height: 1000 } })
  ).newPage();
  await signIn(dev, "dev@acme.test");
  await openCanvas(dev, `${path}?env=production`);
  await dragFromPalette(dev, "aws-eks-cluster", 150, 200);
  await dragFromPalette(dev, "k8s-application", 620, 200);
  await drawLink(
    dev,
    handle(dev, "eks-cluster", "output-cluster"),
    handle(dev, "application", "input-cluster"),
  );
  await saved(dev);

  await node(dev, "application").click();
  await inspector(dev).getByRole("tab", { name: "Deploy" }).click();
  const deploy = inspector(dev).getByRole("region", { name: "Deploy" });
  const blockers = deploy.getByTestId("deploy-blocker");
  await expect(blockers.filter({ hasText: SECRET_BLOCKER })).toHaveAttribute("data-blocks", "both");
  await expect(
    blockers.filter({
      hasText: 'connections.cluster: upstream "eks-cluster" is not deployed in production yet',
    }),
  ).toHaveAttribute("data-blocks", "apply");
  await expect(blockers).toHaveCount(2);
  await expect(deploy.getByRole("button", { name: "Plan" })).toBeDisabled();
  await expect(deploy.getByRole("button", { name: "Deploy" })).toBeDisabled();
  await expect(inspector(dev).getByRole("region", { name: "Deployments" })).toContainText(
    "None requested yet.",
  );

  // The server is the guard: the same request over HTTP is refused in the same words, and nothing
  // is recorded.
  const org = await call<{ id: string }>(page, "organization.bySlug", { slug: "acme" }, "query");
  const project = await call<{ id: string; environments: { id: string; slug: string }[] }>(
    page,
    "project.bySlug",
    { organizationId: org.id, slug: path.split("/").pop() },
    "query",
  );
  const production = project.environments.find((e) => e.slug === "production")!.id;
  const { diagram } = await call<{ diagram: { components: { id: string; name: string }[] } }>(
    page,
    "diagram.get",
    { projectId: project.id },
    "query",
  );
  const id = (name: string) => diagram.components.find((c) => c.name === name)!.id;
  const target = {
    projectId: project.id,
    componentId: id("application"),
    environmentId: production,
  };
  const refusal = await refused(dev, "deployment.request", { ...target, action: "plan" });
  expect(refusal).toEqual({ status: 400, message: `Deployment blocked — ${SECRET_BLOCKER}` });
  expect(await call(dev, "deployment.list", target, "query")).toEqual([]);

  // The blocker points to where the secret is set.
  await blockers
    .filter({ hasText: SECRET_BLOCKER })
    .getByRole("button", { name: "Set SESSION_SECRET under Configure → Secrets" })
    .click();
  const session = inspector(dev)
    .getByRole("region", { name: "Secrets" })
    .locator('[data-testid="secret"][data-name="SESSION_SECRET"]');
  const value = `e2e-${randomBytes(16).toString("hex")}`;
  await session.getByLabel("Session signing secret").fill(value);
  await session.getByRole("button", { name: "Save" }).click();
  await expect(session.getByTestId("secret-status")).toContainText("set · fingerprint");

  // A plan may now be requested (the cluster's payload is a preview); Deploy still waits for the
  // cluster.
  await inspector(dev).getByRole("tab", { name: "Deploy" }).click();
  await expect(blockers.filter({ hasText: SECRET_BLOCKER })).toHaveCount(0);
  await expect(blockers).toHaveCount(1);
  await expect(blockers.first()).toHaveAttribute("data-blocks", "apply");
  await expect(deploy.getByRole("button", { name: "Deploy" })).toBeDisabled();
  await deploy.getByLabel("Message (optional)").fill("first look at production");
  await deploy.getByRole("button", { name: "Plan" }).click();
  await expect(deploy.getByTestId("deploy-status")).toHaveText("Queued plan #1 for production.");
  const list = inspector(dev)
    .getByRole("region", { name: "Deployments" })
    .getByTestId("deployment");
  await expect(list).toHaveCount(1);
  await expect(list.first()).toContainText("plan #1");
  await expect(list.first()).toHaveAttribute("data-status", "failed");
  await expect(list.first()).toContainText(NO_HELM);
  await expect(list.first()).toContainText("Dana Developer");
  await expect(list.first()).toContainText("first look at production");
  await expect(node(dev, "application")).toContainText("draft"); // a plan changes nothing that runs

  // The cluster already runs: ops records its outputs. Now nothing blocks an apply.
  const outputs = {
    name: "prod",
    server: "https://k8s.example",
    "certificate-authority-data": "Q0E=",
    token: `tok-${randomBytes(8).toString("hex")}`,
    provider: "aws",
  };
  await call(
    page,
    "access.recordOutputs",
    {
      projectId: project.id,
      componentId: id("eks-cluster"),
      environmentId: production,
      slot: "cluster",
      payload: outputs,
    },
    "mutation",
  );
  await inspector(dev).getByRole("tab", { name: "Runtime" }).click();
  await inspector(dev).getByRole("tab", { name: "Deploy" }).click();
  await expect(deploy.getByTestId("deploy-blockers")).toHaveCount(0);
  await deploy.getByRole("button", { name: "Deploy" }).click();
  await expect(deploy.getByTestId("deploy-status")).toHaveText("Queued apply #2 for production.");
  await expect(list).toHaveCount(2);
  await expect(list.first()).toContainText("apply #2");
  await expect(list.first()).toHaveAttribute("data-status", "failed");
  await expect(node(dev, "application").getByTestId("node-run-status")).toHaveAttribute(
    "data-status",
    "failed",
  );

  const listed = await call<{ number: number; action: string; status: string }[]>(
    dev,
    "deployment.list",
    target,
    "query",
  );
  expect(listed.map((d) => [d.number, d.action, d.status])).toEqual([
    [2, "apply", "failed"],
    [1, "plan", "failed"],
  ]);
  // Neither the secret nor the cluster token reached the page.
  const html = await dev.content();
  expect(html).not.toContain(value);
  expect(html).not.toContain(outputs.token);
});
