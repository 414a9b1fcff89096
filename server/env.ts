// Environment variables, parsed with zod once at start-up (create-t3-app style): a bad value
// fails fast with a message naming the variable and the rule.
import "server-only";
import { z } from "zod";
import { checkProxyEntry, splitProxyList } from "./http/trusted-proxies";

const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, {
        message: "must be a postgresql:// URL (leave unset for the embedded database)",
      })
      .optional(),
    PORT: z.coerce
      .number({ message: "must be a number" })
      .int()
      .min(1)
      .max(65535, { message: "must be a port number (1-65535)" })
      .default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    PATCHBAY_DATA_DIR: z.string().min(1).default(".patchbay"),
    AUTH_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
    /** Auth.js's own: the public URL its cookies and redirects are for (unset: the request's). */
    AUTH_URL: z.url({ message: "must be a URL" }).optional(),
    NEXTAUTH_URL: z.url({ message: "must be a URL" }).optional(),
    PATCHBAY_SECRET_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, { message: "must be 32 bytes, base64-encoded" })
      .optional(),
    PATCHBAY_DEMO: boolish.default(true),
    PATCHBAY_IMPORT_ROOTS: z.string().optional(),
    /**
     * Lets deployments change this machine: databases, Redis users and processes (issue 17). Unset:
     * on in the demo (PATCHBAY_DEMO), off otherwise.
     */
    PATCHBAY_LOCAL_PROVISIONER: z
      .enum(["0", "1"], {
        message:
          "must be 1 (deployments of local-* bundles provision on this machine) or 0 (refused)",
      })
      .optional(),
    /** The demo's admin connections for the local provisioner (seeded as environment defaults). */
    PATCHBAY_DEMO_POSTGRES_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, { message: "must be a postgresql:// URL" })
      .default("postgresql://postgres@127.0.0.1:5432/postgres"),
    PATCHBAY_DEMO_REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, { message: "must be a redis:// URL" })
      .default("redis://127.0.0.1:6379"),
    /** The terraform/opentofu binary; unset: `tofu` on PATH, else `terraform`. */
    PATCHBAY_TOFU_BIN: z.string().optional(),
    /** A provider mirror directory (`provider_installation { filesystem_mirror }`) for runs. */
    PATCHBAY_TERRAFORM_PROVIDER_MIRROR: z.string().optional(),
    /** How long a cancelled Terraform run may take to save its state before it is killed. */
    PATCHBAY_TERRAFORM_CANCEL_GRACE_SECONDS: z.coerce
      .number({ message: "must be a number of seconds" })
      .min(0, { message: "must be 0 or more" })
      .max(3600, { message: "must be at most 3600" })
      .default(10),
    /** How long a preview environment lives after its last `preview up` when its file says not. */
    PATCHBAY_PREVIEW_TTL_HOURS: z.coerce
      .number({ message: "must be a number of hours" })
      .int({ message: "must be a whole number of hours" })
      .min(1, { message: "must be at least 1" })
      .max(720, { message: "must be at most 720 (30 days)" })
      .default(72),
    /** Handed to processes the local provisioner starts: they inherit nothing else. */
    PATH: z.string().default("/usr/local/bin:/usr/bin:/bin"),
    HOME: z.string().optional(),
    LANG: z.string().optional(),
    PATCHBAY_TRUSTED_PROXIES: z
      .string()
      .default("")
      .superRefine((raw, ctx) => {
        for (const entry of splitProxyList(raw)) {
          const problem = checkProxyEntry(entry);
          if (problem)
            ctx.addIssue({
              code: "custom",
              message: `${problem} (expected IPs or CIDR ranges, comma-separated)`,
            });
        }
      })
      .transform(splitProxyList),
    /**
     * Runs one process executes at once: `npm start` and `npm run worker` both run them; on
     * PostgreSQL, 0 makes `npm start` only queue them for `npm run worker` processes.
     */
    PATCHBAY_WORKERS: z.coerce
      .number({ message: "must be a whole number" })
      .int({ message: "must be a whole number" })
      .min(0, { message: "must be 0 or more" })
      .max(64, { message: "must be at most 64" })
      .default(4),
    /**
     * Where Terraform reaches this server (the state backend's address in backend blocks and run
     * credentials). Unset: `http://127.0.0.1:<PORT>`.
     */
    PATCHBAY_URL: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: "must be an http:// or https:// URL" })
      .optional(),
    /** Unset: `info`, or `silent` under test. */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    NODE_ENV: z.string().default("development"),
  })
  .transform(({ PATCHBAY_LOCAL_PROVISIONER: local, PATCHBAY_URL: url, ...rest }) => ({
    ...rest,
    PATCHBAY_URL: (url ?? `http://127.0.0.1:${rest.PORT}`).replace(/\/+$/, ""),
    PATCHBAY_LOCAL_PROVISIONER: local === undefined ? rest.PATCHBAY_DEMO : local === "1",
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses `source` (process.env by default); throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty string means "unset" (shells and .env files produce them easily).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new EnvError(`Invalid environment variables:\n${lines.join("\n")}`);
}

let cached: Env | undefined;
/** The process's configuration: the only reader of `process.env` in the application. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Forget the parsed configuration: for tests that change a variable mid-run. */
export function reloadEnv(): Env {
  cached = undefined;
  return env();
}
