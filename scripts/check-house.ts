// House checks the formatter and linter cannot make: code fits in 100 columns (only a string
// literal may run past it: breaking one would change it), and files stay small — source files
// split before 300 lines, test files before 600. Prints every breach with a hint and exits 1.
// `npm run lint` runs it after Biome and knip; `npm test` runs `npm run lint`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { columnBreaches, sizeLimit } from "./house/rules";

const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.ts", "*.tsx"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => f && !f.startsWith("server/generated/"));

const problems: string[] = [];
let longLines = 0;
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed but deleted in the work tree
  }
  const lines = text.split("\n");
  longLines += lines.filter((line) => line.length > 100).length;
  for (const [line, why] of columnBreaches(file, text)) problems.push(`${file}:${line}: ${why}`);
  const limit = sizeLimit(file);
  if (lines.length > limit)
    problems.push(`${file}: ${lines.length} lines (limit ${limit}): split it by concern`);
}

console.log(
  `house: ${files.length} files, ${longLines} lines over 100 columns, ${problems.length} problems`,
);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length > 0 ? 1 : 0);
