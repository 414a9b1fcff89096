// How a failed command ends: the server's own message (it names the field and the rule), each
// field error it sent that the message does not already say, and the exit code for its kind.
import { TRPCClientError } from "@trpc/client";
import { CommanderError } from "commander";
import { CliError } from "./errors";
import { EXIT, exitKindOf } from "./exit-codes";
import { colors, warn } from "./output";

interface ErrorData {
  code?: string;
  fields?: Record<string, string[]>;
  guardrail?: string;
}

/** Prints why the command failed on stderr and returns its exit code. */
export function reportError(error: unknown): number {
  // Commander has printed its usage error (or the help asked for) already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof CliError) {
    warn(`${colors.red("error:")} ${error.message}`);
    return EXIT[error.kind];
  }
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    if (!data.code) {
      // No tRPC answer at all: the server is unreachable or answered something else.
      const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
      warn(`${colors.red("error:")} could not reach the Patchbay server: ${error.message}${cause}`);
      return EXIT.failed;
    }
    const kind = exitKindOf(data.code, data.guardrail);
    const label =
      data.code === "NOT_FOUND" ? "not found:" : `${kind === "refused" ? "refused" : "error"}:`;
    warn(`${colors.red(label)} ${error.message}`);
    for (const [field, messages] of Object.entries(data.fields ?? {}))
      for (const message of messages)
        if (!error.message.includes(`${field}: ${message}`)) warn(`  ${field}: ${message}`);
    return EXIT[kind];
  }
  warn(`${colors.red("error:")} ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failed;
}
