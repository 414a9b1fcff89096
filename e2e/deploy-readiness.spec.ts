// What the local provisioner needs, said plainly on the Deploy tab: in the demo's `notes`
// project (seeded with admin connections to this machine's PostgreSQL and Redis) the database
// is ready to provision; in a fresh project with no admin connection the tab names the
// environment default to set and where. Reads only: the demo stays as it was.
import { expect, test } from "@playwright/test";
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

test("the Deploy tab says whether the local provisioner can deploy, and what is missing", async ({
  page,
}) => {
  await signIn(page, "ops@acme.test");

  await openCanvas(page, "/o/acme/p/notes?env=local");
  await node(page, "db").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  const ready = inspector(page).getByTestId("deploy-readiness");
  await expect(ready).toHaveAttribute("data-ready", "true");
  await expect(ready).toContainText("The local provisioner is on");
  await expect(ready).toContainText(/PostgreSQL at [\w.-]+:\d+ answers/);
  await expect(ready).not.toContainText("://");

  // The app runs as a process: it needs the switch only.
  await node(page, "app").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  await expect(inspector(page).getByTestId("deploy-readiness")).toHaveAttribute(
    "data-ready",
    "true",
  );

  const path = await createProject(page, "ready");
  await openCanvas(page, `${path}?env=staging`);
  await dragFromPalette(page, "local-redis", 300, 250);
  await saved(page);
  await node(page, "redis").click();
  await inspector(page).getByRole("tab", { name: "Deploy" }).click();
  const missing = inspector(page).getByTestId("deploy-readiness");
  await expect(missing).toHaveAttribute("data-ready", "false");
  await expect(
    missing.getByTestId("readiness-check").filter({ hasText: "redis-admin-url" }),
  ).toHaveText("Set the environment default redis-admin-url (Settings → Environment defaults)");
});
