// Figures the security suites print (cells checked, inputs tried, hits …). Each is one line
// on the console; when `npm test` runs them it also collects them (PATCHBAY_FIGURES_FILE) and
// repeats them in its summary, so a run's figures can be read and quoted in one place.
import { appendFileSync } from "node:fs";

/** `where`: the databases (or server) the figures were measured on. */
export function reportFigures(
  suite: string,
  figures: Record<string, unknown>,
  where = process.env.PATCHBAY_TEST_DATABASES ?? "pglite",
): void {
  const line = `${suite} [${where}]: ${JSON.stringify(figures)}`;
  console.log(line);
  const file = process.env.PATCHBAY_FIGURES_FILE;
  if (file) appendFileSync(file, `${line}\n`);
}
