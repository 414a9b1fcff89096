// A failure the command line itself detects (bad usage, missing configuration, a name that
// matches nothing): its kind picks the exit code, its message goes to stderr.
import type { ExitKind } from "./exit-codes";

export class CliError extends Error {
  constructor(
    readonly kind: ExitKind,
    message: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}
