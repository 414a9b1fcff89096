import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { createClient } from "../client";
import { writeProfile } from "../config";
import { CliError } from "../errors";
import { printJson, println } from "../output";

/** The token from the named variable, else stdin (piped, or typed and ended with Ctrl-D). */
function readToken(tokenEnv: string | undefined): string {
  const value = tokenEnv ? process.env[tokenEnv] : readFileSync(0, "utf8");
  const token = value?.trim();
  if (!token)
    throw new CliError(
      "usage",
      tokenEnv ? `--token-env: ${tokenEnv} is not set` : "token: pipe the API token on stdin",
    );
  return token;
}

export function registerLogin(program: Command): void {
  program
    .command("login")
    .description("check an API token against a server and save both to the profile file")
    .requiredOption("--url <url>", "the Patchbay server, e.g. https://patchbay.example.com")
    .option("--token-env <name>", "read the token from this environment variable, not stdin")
    .action(async (options: { url: string; tokenEnv?: string }, command: Command) => {
      if (!/^https?:\/\/[^\s]+$/.test(options.url))
        throw new CliError("usage", "--url: must be an http(s) URL");
      const config = { url: options.url.replace(/\/+$/, ""), token: readToken(options.tokenEnv) };
      const me = await createClient(config).me.whoami.query();
      const file = writeProfile(config);
      const organization = me.organizations[0];
      const summary = {
        url: config.url,
        kind: me.kind,
        name: me.name,
        organization: organization
          ? { id: organization.id, slug: organization.slug, role: organization.role }
          : null,
        expiresAt: me.expiresAt,
        profile: file,
      };
      if (command.optsWithGlobals().json) return printJson(summary);
      const where = organization ? ` in ${organization.slug} as ${organization.role}` : "";
      println(`Logged in to ${config.url} with token "${me.name}"${where}; saved to ${file}`);
    });
}
