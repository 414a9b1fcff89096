// `patchbay`: the command line for pipelines and terminals. It talks to a Patchbay server over
// its HTTP API with an API token (see config.ts) and imports nothing of the server but the
// router's type and pure domain rules.
import { Command } from "commander";
import { registerDeploy } from "./commands/deploy";
import { registerEnv } from "./commands/env";
import { registerInstance } from "./commands/instance";
import { registerLogin } from "./commands/login";
import { registerPreview } from "./commands/preview";
import { registerProject } from "./commands/project";
import { registerToken } from "./commands/token";
import { reportError } from "./report";

const program = new Command("patchbay")
  .description("Patchbay from the command line: projects, environments, deployments, tokens")
  .option("--json", "print exactly one JSON document on stdout")
  .showHelpAfterError()
  .exitOverride();
program.configureOutput({ outputError: (text, write) => write(text) });

registerLogin(program);
registerProject(program);
registerEnv(program);
registerInstance(program);
registerDeploy(program);
registerToken(program);
registerPreview(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
