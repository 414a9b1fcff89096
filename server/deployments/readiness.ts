// Whether the local provisioner can deploy an environment's local-* components right now, in
// words a person can act on: is the provisioner on, is each admin connection it needs set as
// an environment default, does that server answer (a PostgreSQL connect + query, a Redis PING,
// 2 s each). Changes nothing. Messages name the host and port, never the URL: an admin URL
// carries a password.
import pg from "pg";
import { Redis } from "ioredis";
import { AppError } from "../domain/errors";
import { env } from "../env";
import { POSTGRES_ADMIN_URL } from "../provisioners/local/postgres";
import { REDIS_ADMIN_URL } from "../provisioners/local/redis";
import { environmentInProject } from "../repositories/deployments";
import { loadStructure } from "../repositories/diagram";
import { environmentDefaultsFor } from "../repositories/environment-defaults";
import { iacChecks } from "./readiness-iac";

interface ReadinessCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface Readiness {
  localProvisioner: boolean;
  checks: ReadinessCheck[];
}

const TIMEOUT_MS = 2000;

interface Server {
  label: string;
  setting: string;
  scheme: RegExp;
  defaultPort: number;
  probe: (url: string) => Promise<void>;
}

const POSTGRES: Server = {
  label: "PostgreSQL",
  setting: POSTGRES_ADMIN_URL,
  scheme: /^postgres(ql)?:\/\//,
  defaultPort: 5432,
  async probe(url) {
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: TIMEOUT_MS,
      query_timeout: TIMEOUT_MS,
    });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
    } finally {
      await client.end().catch(() => {});
    }
  },
};

const REDIS: Server = {
  label: "Redis",
  setting: REDIS_ADMIN_URL,
  scheme: /^rediss?:\/\//,
  defaultPort: 6379,
  async probe(url) {
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: TIMEOUT_MS,
      commandTimeout: TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      enableReadyCheck: false,
      retryStrategy: () => null,
    });
    // The socket's own error (ECONNREFUSED …) says more than the call's "Connection is closed".
    let cause: Error | undefined;
    client.on("error", (error: Error) => {
      cause ??= error;
    });
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      throw cause ?? error;
    } finally {
      client.disconnect();
    }
  },
};

/** Which admin connection each local bundle needs (local-process needs none). */
const NEEDS: Record<string, Server> = {
  "local-postgres-database": POSTGRES,
  "local-redis": REDIS,
};

/** The first line of what went wrong, with the URL's password and any URL taken out. */
function reason(error: unknown, password: string): string {
  const inner =
    error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const raw =
    inner instanceof Error
      ? inner.message || (inner as NodeJS.ErrnoException).code || inner.name
      : String(inner);
  let text = (raw.split("\n")[0] ?? "").replace(/\w+:\/\/\S+/g, "<url>");
  for (const secret of [password, safeDecode(password)])
    if (secret.length > 0) text = text.split(secret).join("***");
  return text || "no answer";
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function serverChecks(server: Server, url: string | undefined): Promise<ReadinessCheck[]> {
  if (!url)
    return [
      {
        name: server.setting,
        ok: false,
        message: `Set the environment default ${server.setting} (Settings → Environment defaults)`,
      },
    ];
  let parsed: URL | null = null;
  try {
    parsed = server.scheme.test(url) ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!parsed)
    return [
      {
        name: server.setting,
        ok: false,
        message: `The environment default ${server.setting} is not a ${server.label} URL`,
      },
    ];
  const at = `${parsed.hostname}:${parsed.port || server.defaultPort}`;
  const set = { name: server.setting, ok: true, message: `${server.setting} is set (${at})` };
  const name = `${server.label.toLowerCase()}-reachable`;
  try {
    await withTimeout(server.probe(url), TIMEOUT_MS + 500);
    return [set, { name, ok: true, message: `${server.label} at ${at} answers` }];
  } catch (error) {
    const why = reason(error, parsed.password);
    return [set, { name, ok: false, message: `${server.label} at ${at} is not reachable: ${why}` }];
  }
}

/**
 * What stands between this server and a deployment of the environment's components (or the
 * one given): the local provisioner for local-* ones, a Terraform binary for IaC ones.
 */
export async function deploymentReadiness(t: {
  organizationId: string;
  projectId: string;
  environmentId: string;
  componentId?: string;
}): Promise<Readiness> {
  const localProvisioner = env().PATCHBAY_LOCAL_PROVISIONER;
  const stored = await loadStructure(t.projectId);
  if (!stored || !(await environmentInProject(t.projectId, t.environmentId)))
    throw new AppError("NOT_FOUND", "Environment not found in this project");
  const components = stored.diagram.components.filter(
    (c) => t.componentId === undefined || c.id === t.componentId,
  );
  if (t.componentId !== undefined && components.length === 0)
    throw new AppError("NOT_FOUND", "Component not found in this project");
  const iac = await iacChecks(
    t.organizationId,
    components.map((c) => c.bundle),
  );
  const local = components.filter((c) => c.bundle.startsWith("local-"));
  if (local.length === 0) return { localProvisioner, checks: iac };

  const checks: ReadinessCheck[] = [
    ...iac,
    {
      name: "local-provisioner",
      ok: localProvisioner,
      message: localProvisioner
        ? "The local provisioner is on"
        : "The local provisioner is off: start with PATCHBAY_LOCAL_PROVISIONER=1",
    },
  ];
  const servers = [...new Set(local.flatMap((c) => NEEDS[c.bundle] ?? []))];
  if (servers.length === 0) return { localProvisioner, checks };
  const defaults = await environmentDefaultsFor(t.environmentId);
  const urlOf = (setting: string) => {
    // As the runner reads them: defaults of type admin-connection, by name.
    const url = defaults.find((d) => d.name === setting && d.type === "admin-connection")?.payload
      .url;
    return typeof url === "string" ? url : undefined;
  };
  const results = await Promise.all(servers.map((s) => serverChecks(s, urlOf(s.setting))));
  return { localProvisioner, checks: [...checks, ...results.flat()] };
}
