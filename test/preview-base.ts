// A small deployable project for preview tests: `db` (local PostgreSQL database), `cache`
// (local Redis) and `app` (the demo process reading both through its lines), in an environment
// `base` holding the admin connections the local provisioner needs as environment defaults.
// Built through the API as ops would; its slug is fresh so its databases and roles are its own.
import { randomBytes } from "node:crypto";
import semver from "semver";
import { POSTGRES_ADMIN_URL } from "@/server/provisioners/local/postgres";
import { REDIS_ADMIN_URL } from "@/server/provisioners/local/redis";
import { listBundleVersionDefinitions } from "@/server/repositories/diagram";
import { NOTES_APP_PARAMS } from "@/server/seed-local";
import type { Harness } from "./integration";
import { ADMIN_URL, REDIS_URL } from "./local-services";

export interface PreviewBase {
  organizationId: string;
  projectId: string;
  projectSlug: string;
  baseId: string;
}

export async function createPreviewBase(h: Harness): Promise<PreviewBase> {
  const ops = await h.as("ops@acme.test");
  const org = await h.db().prisma.organization.findFirstOrThrow({
    where: { slug: "acme" },
    select: { id: true },
  });
  const projectSlug = `pv${randomBytes(3).toString("hex")}`;
  const project = await ops.project.create({
    organizationId: org.id,
    slug: projectSlug,
    name: "Preview base",
  });
  const base = await ops.environment.create({
    projectId: project.id,
    slug: "base",
    name: "Base",
    class: "non_production",
  });
  for (const [name, url] of [
    [POSTGRES_ADMIN_URL, ADMIN_URL],
    [REDIS_ADMIN_URL, REDIS_URL],
  ] as const)
    await ops.environmentDefault.add({
      environmentId: base.id,
      name,
      type: "admin-connection",
      payload: { url },
    });
  const { revision } = await ops.diagram.get({ projectId: project.id });
  // The newest version, with its Development preset as the demo seed places it.
  const definitions = await listBundleVersionDefinitions(org.id);
  const latest = async (bundle: string) => {
    const [newest] = definitions
      .filter((d) => d.name === bundle)
      .sort((a, b) => semver.rcompare(a.version, b.version));
    if (!newest) throw new Error(`no bundle ${bundle} in the catalog`);
    const development = newest.presets.find((p) => p.name === "Development");
    return { version: newest.version, development };
  };
  const place = async (id: string, bundle: string, x: number, params?: object) => {
    const { version, development } = await latest(bundle);
    const config = params
      ? { params: structuredClone(params) as Record<string, unknown>, preset: null }
      : {
          params: structuredClone(development?.values ?? {}) as Record<string, unknown>,
          preset: development ? "Development" : null,
        };
    return {
      op: "addComponent" as const,
      component: { id: `${projectSlug}-${id}`, name: id, bundle, version, x, y: 0 },
      instances: { [base.id]: config },
    };
  };
  const line = (from: string, slot: string, policies: string[]) => ({
    op: "addLink" as const,
    link: {
      id: `${projectSlug}-line-${slot}`,
      from: `${projectSlug}-${from}`,
      fromArtifact: slot,
      to: `${projectSlug}-app`,
      toSlot: slot,
      policies,
    },
  });
  await ops.diagram.change({
    projectId: project.id,
    baseRevision: revision,
    ops: [
      await place("db", "local-postgres-database", 0),
      await place("cache", "local-redis", 0),
      await place("app", "local-process", 300, NOTES_APP_PARAMS),
      line("db", "database", ["read-write"]),
      line("cache", "cache", ["read-only"]),
    ],
  });
  return { organizationId: org.id, projectId: project.id, projectSlug, baseId: base.id };
}
