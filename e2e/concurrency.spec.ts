// Concurrency through the real HTTP API: 20 editors, each signed in with a session of its
// own, save to one project for a bounded time. Each moves its own component and now and then
// the one they share; a save based on an old revision is a conflict, and the editor re-reads
// and tries again. Afterwards no accepted save is lost (every editor's last accepted value is
// in the final state; the shared component holds the value of the last accepted save that
// touched it), no revision was accepted twice, and the audit chain verifies.
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { reportFigures } from "../test/figures";
import { DEMO_PASSWORD } from "./helpers";

const EDITORS = 20;
const DURATION_MS = Number(process.env.CONCURRENCY_MS ?? 15_000);

type Call = <T>(
  path: string,
  input: unknown,
  kind?: "query" | "mutation",
) => Promise<{ ok: true; data: T } | { ok: false; code: string; message: string }>;

async function session(
  baseURL: string,
  email: string,
): Promise<{ api: APIRequestContext; call: Call }> {
  const api = await request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: new URL(baseURL).origin },
  });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signedIn = await api.post("/api/auth/callback/credentials", {
    form: { email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/" },
  });
  expect(signedIn.ok(), `sign-in of ${email}`).toBe(true);
  const call: Call = async (path, input, kind = "query") => {
    const url = `/api/trpc/${path}`;
    const response =
      kind === "query"
        ? await api.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
        : await api.post(url, { data: { json: input } });
    const body = (await response.json()) as {
      result?: { data: { json: never } };
      error?: { json: { message: string; data: { code: string } } };
    };
    if (body.result) return { ok: true, data: body.result.data.json };
    return {
      ok: false,
      code: body.error?.json.data.code ?? String(response.status()),
      message: body.error?.json.message ?? "",
    };
  };
  return { api, call };
}

function unwrap<T>(r: Awaited<ReturnType<Call>>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.data as T;
}

test("20 editors on one project: no lost update, conflicts reported, the audit chain verifies", async ({
  baseURL,
}) => {
  test.setTimeout(DURATION_MS + 120_000);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const ops = await session(baseURL!, "ops@acme.test");
  const org = unwrap<{ id: string }>(await ops.call("organization.bySlug", { slug: "acme" }));
  const project = unwrap<{ id: string }>(
    await ops.call(
      "project.create",
      { organizationId: org.id, slug: `load-${stamp}`, name: `load-${stamp}` },
      "mutation",
    ),
  );
  const ids = Array.from({ length: EDITORS }, (_, i) => `edit-${stamp}-${i}`);
  const shared = `shared-${stamp}`;
  const add = [...ids, shared].map((id, i) => ({
    op: "addComponent",
    component: { id, name: `q${i}`, bundle: "aws-sqs-queue", version: "1.0.0", x: 0, y: i * 100 },
  }));
  unwrap(
    await ops.call(
      "diagram.change",
      { projectId: project.id, baseRevision: 0, ops: add },
      "mutation",
    ),
  );

  // One after another: a sign-in is counted against the account until its password checks out,
  // so twenty at once would be throttled like a burst of guesses (server/auth/throttle.ts).
  const editors: Awaited<ReturnType<typeof session>>[] = [];
  for (const _ of ids) editors.push(await session(baseURL!, "dev@acme.test"));
  const tally = { accepted: 0, conflicts: 0, otherRefusals: 0, lost: 0 };
  const lastOwn = new Map<string, number>();
  const sharedSaves: { revision: number; y: number }[] = [];
  const revisions = new Set<number>();
  const deadline = Date.now() + DURATION_MS;

  await Promise.all(
    editors.map(async ({ call }, i) => {
      let n = 0;
      while (Date.now() < deadline) {
        n++;
        const { revision } = unwrap<{ revision: number }>(
          await call("diagram.get", { projectId: project.id }),
        );
        const touchShared = n % 3 === 0;
        const value = i * 10_000 + n;
        const op = touchShared
          ? { op: "updateComponent", id: shared, y: value }
          : { op: "updateComponent", id: ids[i], x: value };
        const saved = await call<{ revision: number }>(
          "diagram.change",
          { projectId: project.id, baseRevision: revision, ops: [op] },
          "mutation",
        );
        if (saved.ok) {
          tally.accepted++;
          if (revisions.has(saved.data.revision)) tally.lost++; // two saves claimed one revision
          revisions.add(saved.data.revision);
          if (touchShared) sharedSaves.push({ revision: saved.data.revision, y: value });
          else lastOwn.set(ids[i]!, value);
        } else if (saved.code === "CONFLICT") {
          tally.conflicts++;
        } else {
          tally.otherRefusals++;
          throw new Error(`editor ${i}: ${saved.code}: ${saved.message}`);
        }
      }
    }),
  );

  const final = unwrap<{ diagram: { components: { id: string; x: number; y: number }[] } }>(
    await ops.call("diagram.get", { projectId: project.id }),
  ).diagram;
  for (const [id, x] of lastOwn)
    if (final.components.find((c) => c.id === id)?.x !== x) tally.lost++;
  const lastShared = sharedSaves.sort((a, b) => b.revision - a.revision)[0];
  if (lastShared && final.components.find((c) => c.id === shared)?.y !== lastShared.y) tally.lost++;
  const owner = await session(baseURL!, "owner@acme.test");
  const verified = unwrap<{ ok: boolean; checked: number }>(
    await owner.call("audit.verify", { organizationId: org.id }),
  );
  reportFigures(
    "concurrency",
    {
      editors: EDITORS,
      seconds: DURATION_MS / 1000,
      ...tally,
      auditChecked: verified.checked,
      auditOk: verified.ok,
    },
    process.env.PATCHBAY_E2E_LABEL ?? baseURL!,
  );

  // Progress, not fairness: every save after the first is a whole-diagram conflict today, so
  // how many land depends on the machine (issue #20 is about saves proportional to the change).
  expect(tally.accepted).toBeGreaterThan(0);
  expect(tally.otherRefusals).toBe(0);
  expect(tally.lost).toBe(0);
  expect(verified.ok).toBe(true);
  for (const s of [ops, owner, ...editors]) await s.api.dispose();
});
