import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` as Next's server resolves it (its react-server build).
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".patchbay/**"],
    // Two files at a time, each in its own process: every integration suite opens a fresh
    // database of its own (test/integration.ts), so files do not share rows. Two because these
    // machines have two cores; sequential, Vitest took 903 s in CI, in parallel 703 s here.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
