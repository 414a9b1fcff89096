// The demo's deployable project: `notes`, whose one environment `local` is wired to the local
// provisioner — a database and a Redis on this machine's servers (reached through the admin
// connections below) and a small process (scripts/demo/notes-app.mjs) that reads them through
// its lines. It is a project of its own because every environment of a project shows the same
// diagram. Idempotent: each step runs only when what it writes is missing, so it can run on
// every start without disturbing anything a user changed. Written through the audited paths.
import { randomBytes } from "node:crypto";
import semver from "semver";
import { auditedWrite } from "./changes/audited-write";
import type { BundleDefinition } from "./domain/catalog/types";
import { setDriftSchedule } from "./deployments/drift";
import type { EnvironmentSpec } from "./domain/environments";
import type { Op } from "./domain/graph/ops";
import { env } from "./env";
import { POSTGRES_ADMIN_URL } from "./provisioners/local/postgres";
import { REDIS_ADMIN_URL } from "./provisioners/local/redis";
import { findOrganizationBySlug } from "./repositories/organizations";
import { createEnvironments, createProject, findProjectBySlug } from "./repositories/projects";
import * as diagram from "./repositories/diagram";
import { applyDiagramOps } from "./diagram/service";
import { addEnvironmentDefault, listEnvironmentDefaults } from "./secrets/environment-defaults";
import { listSecrets, setSecret } from "./secrets/service";

export const NOTES_PROJECT = "notes";
const LOCAL: EnvironmentSpec = {
  slug: "local",
  name: "Local",
  class: "non_production",
  protected: false,
};

/** The app's params: the demo process, on a port of its own, health-checked. */
export const NOTES_APP_PARAMS = {
  command: ["node", "scripts/demo/notes-app.mjs"],
  working_directory: ".",
  port: 4311,
  health_check_path: "/health",
  restart: "on-failure",
  log_level: "info",
};

const DEMO_DRIFT_SCHEDULE = "0 * * * *";

const seed = { actor: { type: "system" as const, label: "seed" }, meta: {} };

/** The newest version of `name`, or exactly `version` when given and present. */
function pick(all: BundleDefinition[], name: string, version?: string) {
  const versions = all.filter((d) => d.name === name);
  return (
    versions.find((d) => d.version === version) ??
    versions.sort((a, b) => semver.rcompare(a.version, b.version))[0]
  );
}

/** Creates the project; true when it did (it was not there). */
async function ensureProject(organizationId: string): Promise<boolean> {
  if (await findProjectBySlug(organizationId, NOTES_PROJECT)) return false;
  await auditedWrite(seed, async (tx) => {
    const project = await createProject(tx, {
      organizationId,
      slug: NOTES_PROJECT,
      name: "Notes (local)",
      description:
        "Deployable on this machine: a PostgreSQL database and a Redis on the servers the local " +
        "provisioner reaches, a small process that reads them through its lines, and two " +
        "Terraform modules (feature flags and a reader of their state) that run offline.",
    });
    await createEnvironments(tx, project.id, [LOCAL]);
    return {
      result: undefined,
      touched: [{ projectId: project.id }],
      audit: {
        organizationId,
        action: "project.created",
        target: { type: "project", id: project.id, projectId: project.id },
        after: { slug: project.slug, name: project.name, environments: [LOCAL.slug] },
      },
    };
  });
  return true;
}

/**
 * db, cache and app, with app.database ← db (read-write) and app.cache ← cache (read-only); and
 * two Terraform components made of built-in resources only: flags, and reader ← flags (the
 * reader also reads flags' state through terraform_remote_state).
 */
async function ensureDiagram(organizationId: string, projectId: string, environmentId: string) {
  const stored = await diagram.loadDiagram(projectId);
  if (!stored || stored.diagram.components.length > 0) return false;
  const all = await diagram.listBundleVersionDefinitions(organizationId);
  const db = pick(all, "local-postgres-database");
  const cache = pick(all, "local-redis");
  const app = pick(all, "local-process", "1.2.0");
  const flags = pick(all, "feature-flags");
  const reader = pick(all, "feature-flag-reader");
  if (!db || !cache || !app || !flags || !reader) return false;
  const development = (def: BundleDefinition) => {
    const preset = def.presets.find((p) => p.name === "Development") ?? def.presets[0];
    if (!preset) return { params: {}, preset: null };
    return { params: structuredClone(preset.values), preset: preset.name };
  };
  const place = (id: string, name: string, def: BundleDefinition, x: number, y: number) => ({
    op: "addComponent" as const,
    component: { id, name, bundle: def.name, version: def.version, x, y },
    instances: {
      [environmentId]:
        def === app
          ? { params: structuredClone(NOTES_APP_PARAMS), preset: null }
          : development(def),
    },
  });
  const ops: Op[] = [
    place("notes-db", "db", db, 0, 0),
    place("notes-cache", "cache", cache, 0, 260),
    place("notes-app", "app", app, 380, 120),
    place("notes-flags", "flags", flags, 0, 520),
    place("notes-flag-reader", "reader", reader, 380, 520),
    {
      op: "addLink",
      link: {
        id: "notes-line-flags",
        from: "notes-flags",
        fromArtifact: "flags",
        to: "notes-flag-reader",
        toSlot: "flags",
        policies: [],
      },
    },
    {
      op: "addLink",
      link: {
        id: "notes-line-database",
        from: "notes-db",
        fromArtifact: "database",
        to: "notes-app",
        toSlot: "database",
        policies: ["read-write"],
      },
    },
    {
      op: "addLink",
      link: {
        id: "notes-line-cache",
        from: "notes-cache",
        fromArtifact: "cache",
        to: "notes-app",
        toSlot: "cache",
        policies: ["read-only"],
      },
    },
  ];
  await applyDiagramOps(seed, projectId, stored.revision, ops);
  return true;
}

/** The admin connections the local provisioner asks for, from PATCHBAY_DEMO_*_URL. */
async function ensureAdminDefaults(ref: {
  id: string;
  slug: string;
  projectId: string;
  organizationId: string;
}) {
  const have = new Set((await listEnvironmentDefaults(ref)).map((d) => d.name));
  const { PATCHBAY_DEMO_POSTGRES_URL, PATCHBAY_DEMO_REDIS_URL } = env();
  const wanted = [
    { name: POSTGRES_ADMIN_URL, url: PATCHBAY_DEMO_POSTGRES_URL },
    { name: REDIS_ADMIN_URL, url: PATCHBAY_DEMO_REDIS_URL },
  ];
  for (const { name, url } of wanted.filter((w) => !have.has(w.name)))
    await addEnvironmentDefault(seed, ref, {
      name,
      type: "admin-connection",
      payload: { url },
    });
}

/** The app's required session secret: random, sealed like any secret a user sets. */
async function ensureSessionSecret(target: {
  organizationId: string;
  projectId: string;
  componentId: string;
  environmentId: string;
}) {
  const statuses = await listSecrets(target);
  if (statuses.find((s) => s.name === "SESSION_SECRET")?.set) return;
  await setSecret(
    { ...seed, userId: null },
    target,
    "SESSION_SECRET",
    randomBytes(48).toString("base64"),
  );
}

/**
 * Seeds what is missing of the `notes` project in the demo organization (none: does nothing).
 * Needs the catalog synced first (its bundles).
 */
export async function seedDemoLocal(): Promise<void> {
  const org = await findOrganizationBySlug("acme");
  if (!org) return;
  const created = await ensureProject(org.id);
  const project = await findProjectBySlug(org.id, NOTES_PROJECT);
  const local = project?.environments.find((e) => e.slug === LOCAL.slug);
  if (!project || !local) return;
  // Hourly drift checks of what is deployed, so the feature shows; set once, ops may change it.
  if (created)
    await setDriftSchedule(
      seed,
      { organizationId: org.id, projectId: project.id, environmentId: local.id },
      { cron: DEMO_DRIFT_SCHEDULE },
    );
  await ensureDiagram(org.id, project.id, local.id);
  await ensureAdminDefaults({
    id: local.id,
    slug: local.slug,
    projectId: project.id,
    organizationId: org.id,
  });
  const app = (await diagram.loadDiagram(project.id))?.diagram.components.find(
    (c) => c.name === "app" && c.bundle === "local-process",
  );
  if (app)
    await ensureSessionSecret({
      organizationId: org.id,
      projectId: project.id,
      componentId: app.id,
      environmentId: local.id,
    });
}
