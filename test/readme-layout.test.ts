// The README's "Layout" picture against the tree: every folder or file it names exists, and
// every folder of server/ is named, so the picture cannot drift from the code unnoticed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** Entries of the Layout block: top level (indent 0) and under server/ (indent 2). */
function layoutEntries(): { top: string[]; server: string[] } {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Layout"));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error("README.md: no code block under ## Layout");
  const top: string[] = [];
  const server: string[] = [];
  let under = "";
  for (const line of block.split("\n")) {
    const indent = line.length - line.trimStart().length;
    const first = line.trim().split(/\s{2,}/)[0] ?? "";
    // Continuation lines and tier headings (── … ──) name nothing.
    if (!first || indent > 2 || first.startsWith("──")) continue;
    const names = first.split(/,\s*/);
    for (const name of names)
      expect(name, `Layout entry "${line.trim()}"`).toMatch(/^[\w.-]+(\/|\.ts)$/);
    if (indent === 0) {
      top.push(...names);
      under = names[0]!;
    } else if (under === "server/") server.push(...names);
  }
  return { top, server };
}

it("names only what exists, and every folder of server/", () => {
  const { top, server } = layoutEntries();
  expect(top).toContain("server/");
  for (const name of top)
    expect(existsSync(path.join(root, name)), `${name} (README Layout)`).toBe(true);
  for (const name of server)
    expect(existsSync(path.join(root, "server", name)), `server/${name} (README Layout)`).toBe(
      true,
    );
  const folders = readdirSync(path.join(root, "server"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${d.name}/`);
  expect(folders.filter((f) => !server.includes(f))).toEqual([]);
});
