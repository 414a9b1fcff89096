// Every tRPC procedure once: who may call it (the authorization matrix, written once here) and
// a valid input against the demo organization, built afresh per call so a destructive call
// never takes another's target. The matrix, fuzz and secret-canary suites all read this
// table; a procedure missing from it fails the matrix, so a new procedure must say who may
// call it.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ProcedureMeta } from "@/server/api/trpc";
import type { Role } from "@/server/domain/roles";
import { seedDemoDiagram } from "@/server/seed-diagram";
import { type Harness, testToken } from "./integration";
import { writeFinishedRun } from "./finished-run";
import { DRIFT_PROCEDURES } from "./procedures-drift";
import { PREVIEW_PROCEDURES } from "./procedures-preview";
import { SHARED_PROCEDURES } from "./procedures-shared";
import { lockedState, storedState } from "./state-fixture";

/** The least privileged caller that may call a procedure. */
export type Minimum = "signed-in" | Role;

/** Ids of the demo organization's things, read once per database. */
export interface Fixture {
  organizationId: string;
  otherOrganizationId: string;
  otherProjectId: string;
  projectId: string;
  staging: string;
  production: string;
  /** the API (k8s-application): it declares the SESSION_SECRET secret */
  api: string;
  database: string;
  /** a line of the demo diagram (into the API) */
  link: string;
  /** the ops preset "Postgres – Production" */
  presetId: string;
  defaultId: string;
  viewerUserId: string;
  /** a fresh, empty, unprotected non-production environment, written without an audit event */
  scratchEnvironment(): Promise<string>;
  /** the same, a preview: its slug */
  scratchPreview(): Promise<string>;
  /** a fresh live viewer API token of the demo organization, written without an audit event */
  scratchToken(): Promise<string>;
  /** a fresh org preset with a draft and published versions 1 and 2 */
  scratchPreset(): Promise<string>;
  /** a succeeded apply of the API in staging with two log lines, written once, no audit event */
  finishedRun(): Promise<string>;
  suffix(): string;
  harness: Harness;
  /** the API's Terraform state `src` in staging, versions 1 and 2; the same, locked */
  storedState(): ReturnType<typeof lockedState>;
  lockedState(): ReturnType<typeof lockedState>;
}

/** Seeds the demo diagram (once per database) and reads the ids the table's inputs use. */
export async function loadFixture(h: Harness): Promise<Fixture> {
  const prisma = h.db().prisma;
  await seedDemoDiagram();
  const project = await prisma.project.findFirstOrThrow({
    where: { slug: "ecommerce-api" },
    select: { id: true, organizationId: true, environments: { select: { id: true, slug: true } } },
  });
  const other = await prisma.project.findFirstOrThrow({
    where: { slug: "billing" },
    select: { id: true, organizationId: true },
  });
  const env = (slug: string) => project.environments.find((e) => e.slug === slug)!.id;
  const component = (bundleName: string) =>
    prisma.component
      .findFirstOrThrow({ where: { projectId: project.id, bundleName }, select: { id: true } })
      .then((c) => c.id);
  const api = await component("k8s-application");
  const link = await prisma.link.findFirstOrThrow({
    where: { projectId: project.id, toComponentId: api },
    select: { id: true },
  });
  const preset = await prisma.preset.findFirstOrThrow({
    where: { organizationId: project.organizationId },
    select: { id: true, bundleName: true },
  });
  const deflt = await prisma.artifact.findFirstOrThrow({
    where: { environmentDefault: true, organizationId: project.organizationId },
    select: { id: true },
  });
  const suffix = () => randomBytes(4).toString("hex");
  let finishedRun: Promise<string> | undefined;
  const viewer = await prisma.user.findFirstOrThrow({
    where: { email: "viewer@acme.test" },
    select: { id: true },
  });
  return {
    viewerUserId: viewer.id,
    organizationId: project.organizationId,
    otherOrganizationId: other.organizationId,
    otherProjectId: other.id,
    projectId: project.id,
    staging: env("staging"),
    production: env("production"),
    api,
    database: await component("aws-rds-postgres"),
    link: link.id,
    presetId: preset.id,
    defaultId: deflt.id,
    suffix,
    harness: h,
    storedState: () => storedState(h).then(({ instanceId: _, ...input }) => input),
    lockedState: () => lockedState(h),
    async scratchToken() {
      return (await testToken(h, "acme", "viewer")).id;
    },
    async scratchEnvironment() {
      const slug = `s-${suffix()}`;
      return (
        await prisma.environment.create({
          data: { projectId: project.id, slug, name: slug },
          select: { id: true },
        })
      ).id;
    },
    async scratchPreview() {
      const slug = `pr-${suffix()}`;
      await prisma.environment.create({
        data: { projectId: project.id, slug, name: slug, preview: true },
        select: { id: true },
      });
      return slug;
    },
    finishedRun() {
      finishedRun ??= writeFinishedRun(h, project.id, env("staging"), api);
      return finishedRun;
    },
    async scratchPreset() {
      const shipped = await prisma.preset.findFirstOrThrow({
        where: { organizationId: null, bundleName: "aws-rds-postgres", name: "Production" },
        select: { versions: { select: { values: true }, take: 1 } },
      });
      const values = shipped.versions[0]!.values as object;
      const created = await prisma.preset.create({
        data: {
          organizationId: project.organizationId,
          bundleName: "aws-rds-postgres",
          name: `m-${suffix()}`,
        },
        select: { id: true },
      });
      for (const version of [1, 2]) {
        await prisma.presetVersion.create({
          data: {
            presetId: created.id,
            version,
            status: "published",
            values,
            publishedAt: new Date(),
          },
        });
      }
      await prisma.presetVersion.create({ data: { presetId: created.id, version: 3, values } });
      return created.id;
    },
  };
}

export interface ProcedureCase {
  minimum: Minimum;
  /** an act of a signed-in person: API tokens are refused (FORBIDDEN) whatever their role */
  personOnly?: boolean;
  input(fx: Fixture): unknown | Promise<unknown>;
}

const massdriverFixtures = () =>
  process.env.MASSDRIVER_FIXTURES ?? path.resolve(process.cwd(), "../shared/fixtures/massdriver");
const rdsValues = {
  engine_version: "16",
  instance_class: "db.r7g.large",
  storage: { allocated_gb: 100, max_allocated_gb: 1000, type: "gp3" },
  multi_az: true,
  database_name: "app",
  username: "patchbay",
  deletion_protection: true,
  backup: { retention_days: 30, skip_final_snapshot: false },
  performance_insights: true,
};

export const PROCEDURES: Record<string, ProcedureCase> = {
  ...DRIFT_PROCEDURES,
  ...PREVIEW_PROCEDURES,
  ...SHARED_PROCEDURES,
  "me.get": { minimum: "signed-in", personOnly: true, input: () => undefined },
  "me.signOutEverywhere": { minimum: "signed-in", personOnly: true, input: () => undefined },
  "me.whoami": { minimum: "signed-in", input: () => undefined },
  "organization.signOutMember": {
    minimum: "owner",
    input: (f) => ({ organizationId: f.organizationId, userId: f.viewerUserId }),
  },
  "organization.bySlug": { minimum: "viewer", input: () => ({ slug: "acme" }) },

  "project.list": { minimum: "viewer", input: (f) => ({ organizationId: f.organizationId }) },
  "project.bySlug": {
    minimum: "viewer",
    input: (f) => ({ organizationId: f.organizationId, slug: "ecommerce-api" }),
  },
  "project.get": { minimum: "viewer", input: (f) => ({ projectId: f.projectId }) },
  "project.create": {
    minimum: "ops",
    input: (f) => ({ organizationId: f.organizationId, slug: `p-${f.suffix()}`, name: "matrix" }),
  },
  "project.update": {
    minimum: "developer",
    input: (f) => ({ projectId: f.projectId, description: `matrix ${f.suffix()}` }),
  },

  "environment.create": {
    minimum: "ops",
    input: (f) => ({ projectId: f.projectId, slug: `e-${f.suffix()}`, name: "Matrix" }),
  },
  "environment.rename": {
    minimum: "ops",
    input: async (f) => ({
      projectId: f.projectId,
      environmentId: await f.scratchEnvironment(),
      name: "Renamed",
    }),
  },
  "environment.setClass": {
    minimum: "ops",
    input: async (f) => ({
      projectId: f.projectId,
      environmentId: await f.scratchEnvironment(),
      class: "production",
    }),
  },
  "environment.setProtection": {
    minimum: "ops",
    input: async (f) => ({
      projectId: f.projectId,
      environmentId: await f.scratchEnvironment(),
      protected: true,
    }),
  },
  "environment.fork": {
    minimum: "ops",
    input: (f) => ({
      projectId: f.projectId,
      fromEnvironmentId: f.staging,
      slug: `f-${f.suffix()}`,
      name: "Matrix fork",
    }),
  },
  "environment.delete": {
    minimum: "ops",
    input: async (f) => ({ projectId: f.projectId, environmentId: await f.scratchEnvironment() }),
  },

  "diagram.get": { minimum: "viewer", input: (f) => ({ projectId: f.projectId }) },
  "diagram.catalog": { minimum: "viewer", input: (f) => ({ projectId: f.projectId }) },
  "diagram.change": {
    minimum: "developer",
    // Based on revision 0: past the role check it is a conflict, so the matrix moves nothing.
    input: (f) => ({
      projectId: f.projectId,
      baseRevision: 0,
      ops: [{ op: "updateComponent", id: f.api, x: 10, y: 10 }],
    }),
  },

  "access.resolve": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, componentId: f.api, environmentId: f.staging }),
  },
  "access.code": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, componentId: f.api, environmentId: f.staging }),
  },
  "access.blockers": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, environmentId: f.production }),
  },
  "access.recordOutputs": {
    minimum: "ops",
    input: (f) => ({
      projectId: f.projectId,
      componentId: f.database,
      environmentId: f.staging,
      slot: "database",
      payload: {},
    }),
  },
  "access.reveal": {
    minimum: "ops",
    input: (f) => ({
      projectId: f.projectId,
      componentId: f.api,
      environmentId: f.staging,
      name: "PATCHBAY_COMPONENT",
    }),
  },

  "secret.list": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, componentId: f.api, environmentId: f.staging }),
  },
  "secret.set": {
    minimum: "developer",
    input: (f) => ({
      projectId: f.projectId,
      componentId: f.api,
      environmentId: f.production,
      name: "SESSION_SECRET",
      value: `matrix-${f.suffix()}`,
    }),
  },
  "secret.clear": {
    minimum: "developer",
    input: (f) => ({
      projectId: f.projectId,
      componentId: f.api,
      environmentId: f.production,
      name: "NOT_A_SECRET",
    }),
  },

  "environmentDefault.list": { minimum: "viewer", input: (f) => ({ environmentId: f.production }) },
  "environmentDefault.types": { minimum: "viewer", input: (f) => ({ projectId: f.projectId }) },
  "environmentDefault.add": {
    minimum: "ops",
    input: async (f) => ({
      environmentId: await f.scratchEnvironment(),
      name: `role-${f.suffix()}`,
      type: "aws-iam-role",
      payload: { arn: "arn:aws:iam::123456789012:role/matrix", external_id: "matrix" },
    }),
  },
  "environmentDefault.remove": {
    minimum: "ops",
    input: async (f) => ({ environmentId: await f.scratchEnvironment(), id: f.defaultId }),
  },

  "deployment.request": {
    minimum: "developer",
    // Production's API is blocked by its unset secret: past the role check the request is refused.
    input: (f) => ({
      projectId: f.projectId,
      componentId: f.api,
      environmentId: f.production,
      action: "plan",
    }),
  },
  "deployment.list": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, environmentId: f.staging, status: "succeeded" }),
  },
  "deployment.get": {
    minimum: "viewer",
    input: async (f) => ({
      projectId: f.projectId,
      environmentId: f.staging,
      deploymentId: await f.finishedRun(),
    }),
  },
  // Subscriptions: callProcedure reads their first event (a finished run's first line).
  "deployment.logs": {
    minimum: "viewer",
    input: async (f) => ({
      projectId: f.projectId,
      environmentId: f.staging,
      deploymentId: await f.finishedRun(),
    }),
  },
  "deployment.statuses": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, environmentId: f.staging }),
  },
  "deployment.abort": {
    minimum: "developer",
    // No such run: past the role check it is not found.
    input: (f) => ({ projectId: f.projectId, environmentId: f.staging, deploymentId: "d-none" }),
  },
  "deployment.redeploy": {
    minimum: "developer",
    // No such run: past the role check it is not found.
    input: (f) => ({ projectId: f.projectId, environmentId: f.staging, deploymentId: "d-none" }),
  },
  "deployment.deployEnvironment": {
    minimum: "developer",
    // Production's API is blocked by its unset secret: the whole request is refused.
    input: (f) => ({ projectId: f.projectId, environmentId: f.production, action: "apply" }),
  },
  "deployment.readiness": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, environmentId: f.staging }),
  },

  "state.list": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, componentId: f.api, environmentId: f.staging }),
  },
  "state.versions": { minimum: "viewer", input: (f) => f.storedState() },
  "state.diff": {
    minimum: "viewer",
    input: async (f) => ({ ...(await f.storedState()), from: 1, to: 2 }),
  },
  "state.download": {
    minimum: "ops",
    input: async (f) => ({ ...(await f.storedState()), version: 2 }),
  },
  "state.forceUnlock": { minimum: "ops", input: (f) => f.lockedState() },

  "compare.environments": {
    minimum: "viewer",
    input: (f) => ({ projectId: f.projectId, left: f.staging, right: f.production }),
  },
  "compare.history": {
    minimum: "viewer",
    input: (f) => ({
      projectId: f.projectId,
      environmentId: f.production,
      since: new Date(Date.now() - 3_600_000).toISOString(),
    }),
  },
  "promotion.preview": {
    minimum: "viewer",
    input: (f) => ({
      projectId: f.projectId,
      from: f.staging,
      to: f.production,
      selections: [{ kind: "param", componentId: f.database, segments: ["backup"] }],
    }),
  },
  "promotion.promote": {
    minimum: "developer",
    // The production database's preset locks what staging would bring: refused past the role check.
    input: (f) => ({
      projectId: f.projectId,
      from: f.staging,
      to: f.production,
      selections: [{ kind: "param", componentId: f.database, segments: ["deletion_protection"] }],
      message: "matrix",
    }),
  },

  "audit.list": {
    minimum: "viewer",
    input: (f) => ({ organizationId: f.organizationId, limit: 5 }),
  },
  "audit.actions": { minimum: "viewer", input: (f) => ({ organizationId: f.organizationId }) },
  "audit.verify": { minimum: "viewer", input: (f) => ({ organizationId: f.organizationId }) },
  "audit.checkpoint": { minimum: "owner", input: (f) => ({ organizationId: f.organizationId }) },
  "audit.export": {
    minimum: "viewer",
    input: (f) => ({ organizationId: f.organizationId, format: "jsonl" }),
  },

  "catalog.list": { minimum: "viewer", input: (f) => ({ organizationId: f.organizationId }) },
  "catalog.categories": { minimum: "viewer", input: (f) => ({ organizationId: f.organizationId }) },
  "catalog.bundle": {
    minimum: "viewer",
    input: (f) => ({ organizationId: f.organizationId, name: "aws-sqs-queue" }),
  },
  "catalog.artifactTypes": {
    minimum: "viewer",
    input: (f) => ({ organizationId: f.organizationId }),
  },
  "catalog.importRoots": { minimum: "ops", input: (f) => ({ organizationId: f.organizationId }) },
  "catalog.importPreview": {
    minimum: "ops",
    input: (f) => ({
      organizationId: f.organizationId,
      path: path.join(massdriverFixtures(), "v1-artifact-definitions"),
    }),
  },
  "catalog.import": {
    minimum: "ops",
    input: (f) => ({
      organizationId: f.organizationId,
      path: path.join(massdriverFixtures(), "v1-artifact-definitions"),
    }),
  },

  "preset.list": { minimum: "viewer", input: (f) => ({ organizationId: f.organizationId }) },
  "preset.get": {
    minimum: "viewer",
    input: (f) => ({ organizationId: f.organizationId, presetId: f.presetId }),
  },
  "preset.create": {
    minimum: "ops",
    input: (f) => ({
      organizationId: f.organizationId,
      bundle: "aws-rds-postgres",
      name: `c-${f.suffix()}`,
      description: "Matrix probe",
      values: rdsValues,
    }),
  },
  "preset.saveDraft": {
    minimum: "ops",
    input: async (f) => ({
      organizationId: f.organizationId,
      presetId: await f.scratchPreset(),
      name: `d-${f.suffix()}`,
      description: "Matrix probe",
      values: rdsValues,
    }),
  },
  "preset.publish": {
    minimum: "ops",
    input: async (f) => ({ organizationId: f.organizationId, presetId: await f.scratchPreset() }),
  },
  "preset.offerUpgrade": {
    minimum: "ops",
    input: async (f) => ({
      organizationId: f.organizationId,
      presetId: await f.scratchPreset(),
      version: 2,
    }),
  },
  "preset.applyUpgrade": {
    minimum: "ops",
    input: async (f) => ({
      organizationId: f.organizationId,
      presetId: await f.scratchPreset(),
      version: 2,
    }),
  },
  "token.list": { minimum: "ops", input: (f) => ({ organizationId: f.organizationId }) },
  "token.create": {
    minimum: "ops",
    input: (f) => ({
      organizationId: f.organizationId,
      name: `m-${f.suffix()}`,
      role: "viewer",
      expiresInDays: 1,
    }),
  },
  "token.revoke": {
    minimum: "ops",
    input: async (f) => ({ organizationId: f.organizationId, tokenId: await f.scratchToken() }),
  },

  "preset.setGuardrail": {
    minimum: "owner",
    input: (f) => ({ organizationId: f.organizationId, requireProductionPresets: false }),
  },
};

/**
 * Calls the procedure at `path` ("project.get") on a tRPC caller. A subscription answers with
 * its first event (undefined when it ends without one), then is closed; a refusal or an error
 * while producing that event rejects, as a query's would.
 */
export async function callProcedure(
  caller: unknown,
  procedurePath: string,
  input: unknown,
): Promise<unknown> {
  const fn = procedurePath
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  const result = await (fn as (input: unknown) => Promise<unknown>)(input);
  if (typeof result !== "object" || result === null || !(Symbol.asyncIterator in result))
    return result;
  const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  await iterator.return?.();
  return first.done ? undefined : first.value;
}

// At run time a router's `_def.procedures` is flat, keyed by path ("project.get").
type RouterDef = { _def: { procedures: object } };
const flat = (router: RouterDef) =>
  router._def.procedures as unknown as Record<
    string,
    { _def: { type: "query" | "mutation" | "subscription"; meta?: ProcedureMeta } }
  >;

/** Every procedure path of a router ("project.get" …), from its definition. */
export function procedurePaths(router: RouterDef): string[] {
  return Object.keys(flat(router)).sort();
}

export function procedureType(
  router: RouterDef,
  procedurePath: string,
): "query" | "mutation" | "subscription" | undefined {
  return flat(router)[procedurePath]?._def.type;
}

/** What a procedure's builder declared about its caller (scope, least role, people only). */
export function procedureMeta(router: RouterDef, procedurePath: string): ProcedureMeta | undefined {
  return flat(router)[procedurePath]?._def.meta;
}
