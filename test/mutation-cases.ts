// One call per mutating procedure of the router, with valid input, for the test that each
// mutation writes exactly one audit event. Adding a mutation without a case fails that test.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startSession } from "@/server/auth/sessions";
import { type Harness, testToken } from "./integration";
import { deploymentCases } from "./mutation-cases-deployments";
import { sharedCases } from "./mutation-cases-shared";
import { acmeProject, deployableTarget, placeComponent, secretTarget } from "./mutation-targets";
import { reloadEnv } from "@/server/env";

type Case = (h: Harness) => Promise<{ action: string }>;

/**
 * An organization preset of aws-rds-postgres written directly, with `published` versions (values:
 * the shipped Production preset).
 */
async function presetTarget(h: Harness, published: number[], draft = false) {
  const { organizationId } = await acmeProject(h);
  const prisma = h.db().prisma;
  const bundle = await prisma.preset.findFirstOrThrow({
    where: { organizationId: null, bundleName: "aws-rds-postgres", name: "Production" },
    select: { versions: { select: { values: true }, take: 1 } },
  });
  const values = bundle.versions[0]!.values as object;
  const preset = await prisma.preset.create({
    data: {
      organizationId,
      bundleName: "aws-rds-postgres",
      name: `audited-${randomBytes(3).toString("hex")}`,
    },
    select: { id: true, name: true },
  });
  const versions = [];
  for (const version of published) {
    versions.push(
      await prisma.presetVersion.create({
        data: {
          presetId: preset.id,
          version,
          status: "published",
          values,
          publishedAt: new Date(),
        },
        select: { id: true },
      }),
    );
  }
  if (draft)
    await prisma.presetVersion.create({
      data: { presetId: preset.id, version: published.length + 1, values },
      select: { id: true },
    });
  return { organizationId, presetId: preset.id, name: preset.name, values, versions };
}

/**
 * An empty environment of ecommerce-api, written without an audit event (set-up, not the mutation
 * under test).
 */
async function scratchEnvironment(h: Harness) {
  const { id: projectId } = await acmeProject(h);
  const slug = `s-${randomBytes(3).toString("hex")}`;
  return h
    .db()
    .prisma.environment.create({ data: { projectId, slug, name: slug }, select: { id: true } });
}

/** The shared Massdriver fixtures, allowed as an import root. */
export function massdriverFixtures(): string {
  const fixtures =
    process.env.MASSDRIVER_FIXTURES ?? path.resolve(process.cwd(), "../shared/fixtures/massdriver");
  process.env.PATCHBAY_IMPORT_ROOTS = fixtures;
  reloadEnv();
  return fixtures;
}

export function mutationCases(): Record<string, Case> {
  const suffix = () => randomBytes(3).toString("hex");
  return {
    "project.create": async (h) => {
      const { organizationId } = await acmeProject(h);
      await (await h.as("ops@acme.test")).project.create({
        organizationId,
        slug: `p-${suffix()}`,
        name: "audited",
      });
      return { action: "project.created" };
    },
    "project.update": async (h) => {
      const { id } = await acmeProject(h);
      await (await h.as("dev@acme.test")).project.update({
        projectId: id,
        description: `audited ${suffix()}`,
      });
      return { action: "project.updated" };
    },
    "environment.create": async (h) => {
      const { id } = await acmeProject(h);
      await (await h.as("ops@acme.test")).environment.create({
        projectId: id,
        slug: `e-${suffix()}`,
        name: "Audited",
      });
      return { action: "environment.created" };
    },
    "environment.rename": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const environmentId = (await scratchEnvironment(h)).id;
      await (await h.as("ops@acme.test")).environment.rename({
        projectId,
        environmentId,
        name: `Renamed ${suffix()}`,
      });
      return { action: "environment.renamed" };
    },
    "environment.setClass": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const environmentId = (await scratchEnvironment(h)).id;
      await (await h.as("ops@acme.test")).environment.setClass({
        projectId,
        environmentId,
        class: "production",
      });
      return { action: "environment.class-changed" };
    },
    "environment.setProtection": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const environmentId = (await scratchEnvironment(h)).id;
      await (await h.as("owner@acme.test")).environment.setProtection({
        projectId,
        environmentId,
        protected: true,
      });
      return { action: "environment.protection-changed" };
    },
    "environment.setDriftSchedule": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const environmentId = (await scratchEnvironment(h)).id;
      await (await h.as("ops@acme.test")).environment.setDriftSchedule({
        projectId,
        environmentId,
        cron: "*/30 * * * *",
      });
      return { action: "environment.drift_schedule_set" };
    },
    "environment.fork": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const staging = await h.db().prisma.environment.findFirstOrThrow({
        where: { projectId, slug: "staging" },
        select: { id: true },
      });
      await (await h.as("ops@acme.test")).environment.fork({
        projectId,
        fromEnvironmentId: staging.id,
        slug: `f-${suffix()}`,
        name: "Audited fork",
      });
      return { action: "environment.forked" };
    },
    "environment.delete": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const environmentId = (await scratchEnvironment(h)).id;
      await (await h.as("ops@acme.test")).environment.delete({ projectId, environmentId });
      return { action: "environment.deleted" };
    },
    "diagram.change": async (h) => {
      const { id } = await acmeProject(h);
      const dev = await h.as("dev@acme.test");
      const { revision } = await dev.diagram.get({ projectId: id });
      const component = {
        id: `cmp-${suffix()}${suffix()}`,
        name: `q-${suffix()}`,
        bundle: "aws-sqs-queue",
        version: "1.0.0",
        x: 0,
        y: 0,
      };
      await dev.diagram.change({
        projectId: id,
        baseRevision: revision,
        ops: [{ op: "addComponent", component }],
      });
      return { action: "component.added" };
    },
    "access.reveal": async (h) => {
      const { id } = await acmeProject(h);
      // Placed directly, as set-up: placing it through diagram.change would be a second audited
      // write.
      const component = await placeComponent(h, {
        projectId: id,
        name: `r-${suffix()}`,
        bundleName: "local-process",
        versionConstraint: "1.2.0",
      });
      const environmentId = (
        await h
          .db()
          .prisma.environment.findFirstOrThrow({ where: { projectId: id }, select: { id: true } })
      ).id;
      await (await h.as("ops@acme.test")).access.reveal({
        projectId: id,
        componentId: component.id,
        environmentId,
        name: "PATCHBAY_COMPONENT",
      });
      return { action: "env.revealed" };
    },
    "access.recordOutputs": async (h) => {
      const { id } = await acmeProject(h);
      const component = await placeComponent(h, {
        projectId: id,
        name: `o-${suffix()}`,
        bundleName: "local-redis",
        versionConstraint: "1.0.0",
      });
      const environmentId = (
        await h
          .db()
          .prisma.environment.findFirstOrThrow({ where: { projectId: id }, select: { id: true } })
      ).id;
      const payload = {
        hostname: "cache.internal",
        port: 6379,
        tls: false,
        password: `pw-${suffix()}`,
        key_prefix: "app:",
      };
      await (await h.as("ops@acme.test")).access.recordOutputs({
        projectId: id,
        componentId: component.id,
        environmentId,
        slot: "cache",
        payload,
      });
      return { action: "outputs.recorded" };
    },
    "catalog.import": async (h) => {
      const { organizationId } = await acmeProject(h);
      const target = path.join(massdriverFixtures(), "v1-artifact-definitions");
      await (await h.as("ops@acme.test")).catalog.import({ organizationId, path: target });
      return { action: "catalog.imported" };
    },
    "secret.set": async (h) => {
      const target = await secretTarget(h);
      await (await h.as("dev@acme.test")).secret.set({
        ...target,
        name: "SESSION_SECRET",
        value: "audited-value",
      });
      return { action: "secret.set" };
    },
    "secret.clear": async (h) => {
      const target = await deployableTarget(h, "to-clear");
      await (await h.as("dev@acme.test")).secret.clear({ ...target, name: "SESSION_SECRET" });
      return { action: "secret.cleared" };
    },
    ...deploymentCases(),
    ...sharedCases(suffix),
    "environmentDefault.add": async (h) => {
      const { environmentId } = await secretTarget(h);
      const payload = {
        arn: "arn:aws:iam::123456789012:role/audited",
        external_id: "audited-external-id",
      };
      await (await h.as("ops@acme.test")).environmentDefault.add({
        environmentId,
        name: `role-${suffix()}`,
        type: "aws-iam-role",
        payload,
      });
      return { action: "environment-default.added" };
    },
    "preset.create": async (h) => {
      const { organizationId, values } = await presetTarget(h, []);
      await (await h.as("ops@acme.test")).preset.create({
        organizationId,
        bundle: "aws-rds-postgres",
        name: `created-${suffix()}`,
        description: "Audited by the mutation cases",
        values: values as Record<string, unknown>,
      });
      return { action: "preset.created" };
    },
    "preset.saveDraft": async (h) => {
      const { organizationId, presetId, name, values } = await presetTarget(h, [1]);
      await (await h.as("ops@acme.test")).preset.saveDraft({
        organizationId,
        presetId,
        name,
        description: "Audited by the mutation cases",
        values: values as Record<string, unknown>,
        rules: { deletion_protection: { mode: "locked" } },
      });
      return { action: "preset.draft_saved" };
    },
    "preset.publish": async (h) => {
      const { organizationId, presetId } = await presetTarget(h, [], true);
      await (await h.as("ops@acme.test")).preset.publish({ organizationId, presetId });
      return { action: "preset.published" };
    },
    "preset.offerUpgrade": async (h) => {
      const { organizationId, presetId } = await presetTarget(h, [1, 2]);
      await (await h.as("ops@acme.test")).preset.offerUpgrade({
        organizationId,
        presetId,
        version: 2,
      });
      return { action: "preset.upgrade_offered" };
    },
    "preset.applyUpgrade": async (h) => {
      const { organizationId, presetId, values, versions } = await presetTarget(h, [1, 2]);
      const { id: projectId } = await acmeProject(h);
      const prisma = h.db().prisma;
      const environment = await prisma.environment.findFirstOrThrow({
        where: { projectId },
        select: { id: true },
      });
      const component = await placeComponent(h, {
        projectId,
        name: `u-${suffix()}`,
        bundleName: "aws-rds-postgres",
        versionConstraint: "1.0.0",
      });
      await prisma.instance.create({
        data: {
          projectId,
          componentId: component.id,
          environmentId: environment.id,
          params: values,
          presetVersionId: versions[0]!.id,
        },
      });
      await (await h.as("ops@acme.test")).preset.applyUpgrade({
        organizationId,
        presetId,
        version: 2,
      });
      return { action: "preset.upgrade_applied" };
    },
    "preset.setGuardrail": async (h) => {
      const { organizationId } = await acmeProject(h);
      await (await h.as("owner@acme.test")).preset.setGuardrail({
        organizationId,
        requireProductionPresets: false,
      });
      return { action: "organization.guardrail_changed" };
    },
    "promotion.promote": async (h) => {
      const { projectId, componentId } = await secretTarget(h);
      const envs = await h.db().prisma.environment.findMany({
        where: { projectId },
        select: { id: true },
        orderBy: { createdAt: "asc" },
      });
      const params = { command: ["node", "server.js"], working_directory: ".", port: 3000 };
      for (const env of envs)
        await h.db().prisma.instance.create({
          data: { projectId, componentId, environmentId: env.id, params },
        });
      await (await h.as("dev@acme.test")).promotion.promote({
        projectId,
        from: envs[0]!.id,
        to: envs[1]!.id,
        selections: [{ kind: "component", componentId }],
        message: "audited",
      });
      return { action: "environment.promoted" };
    },
    "audit.checkpoint": async (h) => {
      const { organizationId } = await acmeProject(h);
      await (await h.as("owner@acme.test")).audit.checkpoint({ organizationId });
      return { action: "audit.checkpoint_exported" };
    },
    "environmentDefault.remove": async (h) => {
      const { id: projectId, organizationId } = await acmeProject(h);
      const { id: environmentId } = await h
        .db()
        .prisma.environment.findFirstOrThrow({ where: { projectId }, select: { id: true } });
      const row = await h.db().prisma.artifact.create({
        data: {
          organizationId,
          environmentId,
          typeName: "aws-vpc",
          name: `net-${suffix()}`,
          payload: {},
          environmentDefault: true,
        },
        select: { id: true },
      });
      await (await h.as("ops@acme.test")).environmentDefault.remove({ environmentId, id: row.id });
      return { action: "environment-default.removed" };
    },
    "me.signOutEverywhere": async (h) => {
      const user = await h.db().prisma.user.findUniqueOrThrow({
        where: { email: "viewer@acme.test" },
        select: { id: true },
      });
      await startSession(user.id, { ip: "127.0.0.1" });
      await (await h.as("viewer@acme.test")).me.signOutEverywhere();
      return { action: "auth.signed_out_everywhere" };
    },
    "organization.signOutMember": async (h) => {
      const { organizationId } = await acmeProject(h);
      const user = await h
        .db()
        .prisma.user.findUniqueOrThrow({ where: { email: "dev@acme.test" }, select: { id: true } });
      await startSession(user.id, { ip: "127.0.0.1" });
      await (await h.as("owner@acme.test")).organization.signOutMember({
        organizationId,
        userId: user.id,
      });
      return { action: "member.signed_out_everywhere" };
    },
    "token.create": async (h) => {
      // Minted by an ops token (its child): audited as the token, like a person's.
      const { organizationId } = await acmeProject(h);
      const ops = await testToken(h, "acme", "ops");
      await (await h.asToken(ops.value)).token.create({
        organizationId,
        name: `audited-${suffix()}`,
        role: "developer",
        expiresInDays: 1,
      });
      return { action: "token.created" };
    },
    "token.revoke": async (h) => {
      // Revoked by an ops token, with a child minted from it: the cascade is the same one event.
      const { organizationId } = await acmeProject(h);
      const target = await testToken(h, "acme", "viewer");
      const child = await testToken(h, "acme", "viewer");
      await h.db().prisma.apiToken.update({
        where: { id: child.id },
        data: { parentTokenId: target.id },
      });
      const ops = await testToken(h, "acme", "ops");
      await (await h.asToken(ops.value)).token.revoke({ organizationId, tokenId: target.id });
      return { action: "token.revoked" };
    },
  };
}
