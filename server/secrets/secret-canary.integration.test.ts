// The secret canary: a known secret value and a known sensitive artifact field go in through
// the procedures; afterwards neither appears in any response of those procedures (errors
// included), in any log line written meanwhile, nor anywhere in a plain text dump of every
// database table (the audit trail included).
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportFigures } from "@/test/figures";
import { forEachDatabase, type Harness } from "@/test/integration";
import { callProcedure, loadFixture, PROCEDURES, procedureType } from "@/test/procedures";
import { stateWithCanary, storedState } from "@/test/state-fixture";
import { appRouter } from "../api/root";
import { log } from "../log";

const SECRET_CANARY = `canary-secret-${randomBytes(12).toString("hex")}`;
const FIELD_CANARY = `canary-field-${randomBytes(12).toString("hex")}`;
const OUTPUT_CANARY = `canary-output-${randomBytes(12).toString("hex")}`;
const STATE_CANARY = `canary-state-${randomBytes(12).toString("hex")}`;
const IMPORTED_CANARY = `canary-imported-${randomBytes(12).toString("hex")}`;
const CANARIES = [SECRET_CANARY, FIELD_CANARY, OUTPUT_CANARY, STATE_CANARY, IMPORTED_CANARY];
const figures = { responses: 0, logLines: 0, rows: 0, hits: 0 };

// Every log line, at the most verbose level, goes here instead of stdout while this file runs.
const lines: string[] = [];
const streamSym = pino.symbols.streamSym as unknown as keyof typeof log;
const originalStream = log[streamSym];
const originalLevel = log.level;
beforeAll(() => {
  (log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
    write: (line: string) => void lines.push(line),
  };
  log.level = "trace";
});
afterAll(() => {
  (log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = originalStream;
  log.level = originalLevel;
});

function expectNoCanary(where: string, text: string) {
  for (const canary of CANARIES) {
    if (text.includes(canary)) figures.hits++;
    expect(text.includes(canary), `${where} contains a canary`).toBe(false);
  }
}

afterAll(() => {
  reportFigures("secret canary", figures);
});

forEachDatabase("secret canary", (h: Harness) => {
  it("planted in the demo as secrets, a sensitive default field and recorded outputs, they reach no read path, export, compare, history or deployment", async () => {
    const fx = await loadFixture(h);
    // A Terraform state whose version 2 holds a sensitive attribute, echoed unmarked in an
    // attribute beside it (as terraform_data does), and a sensitive output: state.list, versions
    // and diff read it as every role.
    await storedState(h, stateWithCanary(STATE_CANARY));
    const owner = await h.as("owner@acme.test");
    const ops = await h.as("ops@acme.test");
    const dev = await h.as("dev@acme.test");
    const viewer = await h.as("viewer@acme.test");
    const start = new Date(Date.now() - 1000).toISOString();
    const lineCount = lines.length;
    const api = (environmentId: string) => ({
      projectId: fx.projectId,
      componentId: fx.api,
      environmentId,
    });
    // Planted: the API's session secret in both environments, a sensitive field of a
    // production default, and the staging database's recorded outputs (its password).
    await dev.secret.set({ ...api(fx.staging), name: "SESSION_SECRET", value: SECRET_CANARY });
    await dev.secret.set({
      ...api(fx.production),
      name: "SESSION_SECRET",
      value: `${SECRET_CANARY}-prod`,
    });
    await ops.environmentDefault.add({
      environmentId: fx.production,
      name: "canary-keys",
      type: "aws-credentials",
      payload: {
        access_key_id: "AKIAIOSFODNN7EXAMPLE",
        secret_access_key: FIELD_CANARY,
        region: "us-east-1",
      },
    });
    const outputs = {
      hostname: "db.internal",
      port: 5432,
      database: "app",
      username: "app",
      password: OUTPUT_CANARY,
      version: "16",
    };
    await ops.access.recordOutputs({
      projectId: fx.projectId,
      componentId: fx.database,
      environmentId: fx.staging,
      slot: "database",
      payload: outputs,
    });
    // An imported database (its password sealed), edited once, borrowed by the staging API.
    const imported = await ops.importedArtifact.create({
      organizationId: fx.organizationId,
      name: "canary-db",
      type: "postgresql",
      payload: { ...outputs, hostname: "legacy.internal", password: IMPORTED_CANARY },
    });
    await ops.importedArtifact.update({
      organizationId: fx.organizationId,
      id: imported.id,
      name: "canary-db",
      payload: { ...outputs, hostname: "legacy2.internal", password: `${IMPORTED_CANARY}-2` },
    });
    await dev.reference.set({
      environmentId: fx.staging,
      componentId: fx.api,
      slot: "database",
      importedArtifactId: imported.id,
    });
    // A deployment freezes a snapshot with all of it resolved (the demo's queued plan aborted
    // first: one run per instance at a time).
    for (const d of await dev.deployment.list({ ...api(fx.staging) }))
      if (d.status === "queued")
        await dev.deployment.abort({
          projectId: fx.projectId,
          environmentId: fx.staging,
          deploymentId: d.id,
        });
    await dev.deployment.request({ ...api(fx.staging), action: "plan", message: "canary" });

    const responses: [string, unknown][] = [];
    const read = async (label: string, p: Promise<unknown>) =>
      responses.push([label, await p.catch((e: Error) => ({ error: e.message }))]);
    // Every query of the API (and each subscription's first event), as every role.
    const queries = Object.keys(PROCEDURES).filter((p) =>
      ["query", "subscription"].includes(procedureType(appRouter, p) ?? ""),
    );
    for (const [role, caller] of Object.entries({ owner, ops, dev, viewer })) {
      for (const path of queries)
        await read(
          `${path} as ${role}`,
          callProcedure(caller, path, await PROCEDURES[path]!.input(fx)),
        );
      for (const environmentId of [fx.staging, fx.production]) {
        await read(`access.resolve ${role}`, caller.access.resolve(api(environmentId)));
        await read(
          `access.resolve db ${role}`,
          caller.access.resolve({
            projectId: fx.projectId,
            componentId: fx.database,
            environmentId,
          }),
        );
        await read(`secret.list ${role}`, caller.secret.list(api(environmentId)));
        await read(
          `environmentDefault.list ${role}`,
          caller.environmentDefault.list({ environmentId }),
        );
        await read(`reference.list ${role}`, caller.reference.list({ environmentId }));
        await read(
          `deployment.list ${role}`,
          caller.deployment.list({ projectId: fx.projectId, environmentId }),
        );
        await read(
          `compare.history ${role}`,
          caller.compare.history({ projectId: fx.projectId, environmentId, since: start }),
        );
      }
      await read(
        `importedArtifact.history ${role}`,
        caller.importedArtifact.history({ organizationId: fx.organizationId, id: imported.id }),
      );
      await read(
        `audit.export csv ${role}`,
        caller.audit.export({ organizationId: fx.organizationId, format: "csv" }),
      );
      await read(
        `audit.export jsonl ${role}`,
        caller.audit.export({ organizationId: fx.organizationId, format: "jsonl" }),
      );
      await read(
        `compare past ${role}`,
        caller.compare.environments({
          projectId: fx.projectId,
          left: fx.staging,
          right: fx.production,
          leftAt: start,
        }),
      );
      await read(
        `promotion.preview ${role}`,
        caller.promotion.preview({
          projectId: fx.projectId,
          from: fx.staging,
          to: fx.production,
          selections: [{ kind: "component", componentId: fx.database }],
        }),
      );
    }
    // Reveal is the one audited way to see a value: it works, and its audit event holds no value.
    const revealed = await ops.access
      .reveal({ ...api(fx.staging), name: "SESSION_SECRET" })
      .catch((e: Error) => e);
    if (!(revealed instanceof Error)) expect(JSON.stringify(revealed)).toContain(SECRET_CANARY);

    for (const [label, r] of responses) expectNoCanary(label, JSON.stringify(r) ?? "");
    figures.responses += responses.length;
    const logged = lines.slice(lineCount);
    for (const [i, line] of logged.entries()) expectNoCanary(`log line ${i}`, line);
    figures.logLines += logged.length;
    const tables = await h
      .db()
      .sql.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      );
    for (const { name } of tables) {
      const rows = await h
        .db()
        .sql.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      figures.rows += rows.length;
      for (const { row } of rows) expectNoCanary(`table ${name}`, row);
    }
    // The state's diff was read (masked), not refused.
    const diff = responses.find(([label]) => label === "state.diff as viewer")?.[1];
    expect(diff).toMatchObject({ resources: [{ address: "terraform_data.canary" }] });
    // Download is the one audited way to read a state's text: it holds the value.
    const { instanceId: _, ...stored } = await storedState(h);
    const downloaded = await ops.state.download({ ...stored, version: 2 });
    expect(downloaded.text).toContain(STATE_CANARY);
    // They did go in: sealed in the database.
    expect(await h.db().prisma.secret.count({ where: { instance: { componentId: fx.api } } })).toBe(
      2,
    );
    expect(
      await h.db().prisma.artifact.count({
        where: { instance: { componentId: fx.database }, sensitive: { not: null } },
      }),
    ).toBeGreaterThan(0);
  }, 120_000);

  it("a set secret and a sensitive default field appear in no response, no log line and no table", async () => {
    const responses: unknown[] = [];
    const keep = async <T>(p: Promise<T>) => {
      try {
        const r = await p;
        responses.push(r);
        return r;
      } catch (error) {
        responses.push({
          message: (error as Error).message,
          cause: String((error as { cause?: unknown }).cause),
        });
        return undefined;
      }
    };
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, environments: { select: { id: true } } },
    });
    const projectId = project.id;
    const environmentId = project.environments[0]!.id;
    const dev = await h.as("dev@acme.test");
    const ops = await h.as("ops@acme.test");
    const viewer = await h.as("viewer@acme.test");
    const outsider = await h.as("owner@globex.test");
    const version = (await dev.diagram.catalog({ projectId })).bundles.find(
      (b) => b.name === "local-process",
    )!.version;
    const componentId = `cmp-${randomBytes(6).toString("hex")}`;
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "addComponent",
          component: {
            id: componentId,
            name: "canary",
            bundle: "local-process",
            version,
            x: 0,
            y: 0,
          },
        },
      ],
    });
    const t = { projectId, componentId, environmentId };
    const lineCount = lines.length;

    // Successful writes and reads.
    await keep(dev.secret.set({ ...t, name: "SESSION_SECRET", value: SECRET_CANARY }));
    await keep(dev.secret.set({ ...t, name: "STRIPE_API_KEY", value: SECRET_CANARY }));
    await keep(dev.secret.list(t));
    await keep(viewer.secret.list(t));
    await keep(dev.secret.clear({ ...t, name: "STRIPE_API_KEY" }));
    const payload = {
      arn: "arn:aws:iam::123456789012:role/canary",
      external_id: FIELD_CANARY,
      account_id: "123456789012",
    };
    const added = await keep(
      ops.environmentDefault.add({
        environmentId,
        name: "canary-role",
        type: "aws-iam-role",
        payload,
      }),
    );
    expect(added?.sensitive).toHaveLength(1);
    await keep(viewer.environmentDefault.list({ environmentId }));
    await keep(
      ops.environmentDefault.add({
        environmentId,
        name: "canary-keys",
        type: "aws-credentials",
        payload: {
          access_key_id: "AKIAIOSFODNN7EXAMPLE",
          secret_access_key: FIELD_CANARY,
          region: "us-east-1",
        },
      }),
    );
    await keep(ops.environmentDefault.list({ environmentId }));
    // The resolver opens every sealed default and secret name of the environment: none may leak.
    await keep(dev.access.resolve(t));
    await keep(viewer.access.resolve(t));
    // Refusals carrying the canaries: wrong name, wrong role, other tenant, invalid payload,
    // duplicate.
    await keep(dev.secret.set({ ...t, name: "UNDECLARED", value: SECRET_CANARY }));
    await keep(viewer.secret.set({ ...t, name: "SESSION_SECRET", value: SECRET_CANARY }));
    await keep(outsider.secret.set({ ...t, name: "SESSION_SECRET", value: SECRET_CANARY }));
    await keep(
      dev.secret.set({
        ...t,
        name: "SESSION_SECRET",
        value: `${SECRET_CANARY}${"x".repeat(70_000)}`,
      }),
    );
    await keep(
      ops.environmentDefault.add({
        environmentId,
        name: "bad-role",
        type: "aws-iam-role",
        payload: { ...payload, arn: "nope", extra: FIELD_CANARY },
      }),
    );
    await keep(
      ops.environmentDefault.add({
        environmentId,
        name: "canary-role",
        type: "aws-iam-role",
        payload,
      }),
    );
    await keep(
      dev.environmentDefault.add({
        environmentId,
        name: "dev-role",
        type: "aws-iam-role",
        payload,
      }),
    );
    await keep(outsider.environmentDefault.list({ environmentId }));
    const removed = (await ops.environmentDefault.list({ environmentId })).find(
      (d) => d.name === "canary-keys",
    )!;
    await keep(ops.environmentDefault.remove({ environmentId, id: removed.id }));
    await keep(ops.environmentDefault.types({ projectId }));
    // A deployment request freezes a snapshot of the resolution (its secret set): names only, never
    // values.
    await keep(dev.deployment.request({ ...t, action: "plan" }));
    await keep(viewer.deployment.request({ ...t, action: "apply" }));
    await keep(viewer.deployment.list(t));

    expect(responses.length).toBe(24);
    for (const [i, r] of responses.entries())
      expectNoCanary(`response ${i}`, JSON.stringify(r) ?? "");
    figures.responses += responses.length;

    // The capture works: the procedures' own request lines are there.
    expect(lines.slice(lineCount).some((l) => l.includes('"path":"secret.set"'))).toBe(true);
    for (const [i, line] of lines.slice(lineCount).entries()) expectNoCanary(`log line ${i}`, line);

    const tables = await h
      .db()
      .sql.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      );
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining(["Secret", "Artifact", "AuditEvent", "Instance"]),
    );
    for (const { name } of tables) {
      const rows = await h
        .db()
        .sql.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      for (const { row } of rows) expectNoCanary(`table ${name}`, row);
    }
    // The canaries did go in: one secret set, one sealed default still there.
    expect(await h.db().prisma.secret.count({ where: { instance: { componentId } } })).toBe(1);
    expect(
      await h.db().prisma.artifact.count({
        where: { environmentId, environmentDefault: true, sensitive: { not: null } },
      }),
    ).toBe(1);
    expect(await h.db().prisma.deployment.count({ where: { instance: { componentId } } })).toBe(1);
  });
});
