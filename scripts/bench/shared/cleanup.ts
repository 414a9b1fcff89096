// Ctrl-C (or a SIGTERM) in the middle of a bench still stops its server and drops its scratch
// database: `cleanUp` runs once, then the process exits as interrupted.

/** Runs `cleanUp` on SIGINT/SIGTERM before exiting; the returned function stops listening. */
export function onInterrupt(cleanUp: () => Promise<void>): () => void {
  let running = false;
  const handler = (signal: NodeJS.Signals) => {
    if (running) return;
    running = true;
    console.error(`${signal}: cleaning up…`);
    cleanUp()
      .catch((e) => console.error("cleaning up:", e))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
