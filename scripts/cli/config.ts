// Where the command line finds its server and token: PATCHBAY_URL and PATCHBAY_TOKEN, else the
// profile `patchbay login` writes (PATCHBAY_CONFIG, else $XDG_CONFIG_HOME/patchbay/config.yaml,
// else ~/.config/patchbay/config.yaml). Each variable set in the environment wins over the file.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { CliError } from "./errors";

export interface Config {
  url: string;
  token: string;
}

type Env = Record<string, string | undefined>;

interface Profile {
  url?: string;
  token?: string;
}

function configPath(env: Env = process.env): string {
  if (env.PATCHBAY_CONFIG) return env.PATCHBAY_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(homedir(), ".config");
  return path.join(base, "patchbay", "config.yaml");
}

function readProfile(file: string): Profile {
  if (!existsSync(file)) return {};
  const parsed: unknown = parse(readFileSync(file, "utf8"));
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed))
    throw new CliError("usage", `${file}: must be a mapping with url and token`);
  const { url, token } = parsed as Record<string, unknown>;
  return {
    ...(typeof url === "string" ? { url } : {}),
    ...(typeof token === "string" ? { token } : {}),
  };
}

/** The server and token to use; a usage error naming what is missing and where to set it. */
export function loadConfig(env: Env = process.env): Config {
  const file = configPath(env);
  const profile = readProfile(file);
  const url = env.PATCHBAY_URL || profile.url;
  const token = env.PATCHBAY_TOKEN || profile.token;
  if (!url || !token) {
    const missing = [!url && "PATCHBAY_URL", !token && "PATCHBAY_TOKEN"].filter(Boolean);
    throw new CliError(
      "usage",
      `${missing.join(" and ")} not set: set it in the environment or run \`patchbay login\` ` +
        `(writes ${file})`,
    );
  }
  return { url: url.replace(/\/+$/, ""), token };
}

/** Writes the profile readable by its owner only (0600), its folder created when missing. */
export function writeProfile(config: Config, env: Env = process.env): string {
  const file = configPath(env);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, stringify({ url: config.url, token: config.token }), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
