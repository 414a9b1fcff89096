// An import reads files only inside its import root: a `$ref` (relative, absolute, URL-encoded,
// through a symlinked folder or a symlinked file) or a listed symlink that leads out of the root
// is refused naming the field and the rule, never echoes the target's content, and writes nothing.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot } from "@/test/integration";
import { reloadEnv } from "@/server/env";

const CANARY = "CANARY-7f3c91";
const tmp = mkdtempSync(path.join(os.tmpdir(), "patchbay-containment-"));
const root = path.join(tmp, "root");
const outside = path.join(tmp, "outside");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A v1 artifact definition whose `port` property is a file `$ref`. */
const definition = (name: string, ref: string) =>
  JSON.stringify({
    $md: { name },
    type: "object",
    required: ["data"],
    properties: { data: { type: "object", properties: { port: { $ref: ref } } } },
  });

const cases: { name: string; dir: string; ref: string }[] = [];
function escapeCase(name: string, ref: string, setup?: (dir: string) => void) {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  setup?.(dir);
  writeFileSync(path.join(dir, `${name}.json`), definition(name, ref));
  cases.push({ name, dir, ref });
}

beforeAll(() => {
  mkdirSync(outside, { recursive: true });
  // One target that is JSON (would be inlined) and one that is not (its bytes would be echoed).
  writeFileSync(
    path.join(outside, "secret.json"),
    JSON.stringify({ type: "integer", description: CANARY }),
  );
  writeFileSync(path.join(outside, "passwd.json"), `root:x:0:0:${CANARY}:/root:/bin/bash\n`);
  escapeCase("relative-escape", "../../outside/passwd.json");
  escapeCase("relative-json-escape", "../../outside/secret.json");
  escapeCase("absolute-escape", path.join(outside, "secret.json"));
  escapeCase("encoded-escape", "%2e%2e/%2e%2e/outside/secret.json");
  escapeCase("folder-link-escape", "./linked/secret.json", (dir) =>
    symlinkSync(outside, path.join(dir, "linked")),
  );
  escapeCase("file-link-escape", "./port.json", (dir) =>
    symlinkSync(path.join(outside, "passwd.json"), path.join(dir, "port.json")),
  );
  // A symlinked folder inside an import directory that leads out: never listed, never read.
  const listed = path.join(root, "listed-link-escape");
  mkdirSync(listed, { recursive: true });
  writeFileSync(path.join(outside, "leaked-type.json"), definition("leaked-type", "./secret.json"));
  symlinkSync(outside, path.join(listed, "elsewhere"));
  // Inside the root, through a link that stays inside: allowed.
  const ok = path.join(root, "inside-link");
  mkdirSync(path.join(ok, "shared"), { recursive: true });
  writeFileSync(
    path.join(ok, "shared", "port.json"),
    JSON.stringify({ type: "integer", minimum: 1, maximum: 65535 }),
  );
  symlinkSync(path.join(ok, "shared"), path.join(ok, "types"));
  writeFileSync(path.join(ok, "inside-link.json"), definition("inside-link", "./types/port.json"));
});

const saved = process.env.PATCHBAY_IMPORT_ROOTS;
afterEach(() => {
  process.env.PATCHBAY_IMPORT_ROOTS = saved;
  reloadEnv();
});

forEachDatabase("catalog import containment", (h) => {
  const acme = async () =>
    (
      await h
        .db()
        .prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } })
    ).id;

  it("each $ref out of the import root is refused with its field and the rule, shows no content, and the import writes nothing", async () => {
    process.env.PATCHBAY_IMPORT_ROOTS = root;
    reloadEnv();
    const organizationId = await acme();
    const ops = await h.as("ops@acme.test");
    for (const c of cases) {
      const preview = await ops.catalog.importPreview({ organizationId, path: c.dir });
      expect(JSON.stringify(preview), c.name).not.toContain(CANARY);
      expect(JSON.stringify(preview), c.name).not.toContain("root:x");
      expect(preview.artifactTypes, c.name).toEqual([]);
      expect(preview.errors, c.name).toContainEqual(
        expect.objectContaining({
          path: "/properties/data/properties/port/$ref",
          rule: "outside-import-root",
          message: `"${c.ref}" is outside the import root`,
        }),
      );

      const before = await snapshot(h.db());
      const events = await auditCount(h.db());
      const refused = await ops.catalog.import({ organizationId, path: c.dir }).then(
        () => null,
        (error: Error) => error,
      );
      expect(refused?.message, c.name).toMatch(/^path: nothing to import/);
      expect(refused?.message, c.name).not.toContain(CANARY);
      expect(await snapshot(h.db()), c.name).toEqual(before);
      expect(await auditCount(h.db()), c.name).toBe(events);
    }
  });

  it("a symlinked folder leading out of the root is not listed or read", async () => {
    process.env.PATCHBAY_IMPORT_ROOTS = root;
    reloadEnv();
    const ops = await h.as("ops@acme.test");
    const preview = await ops.catalog.importPreview({
      organizationId: await acme(),
      path: path.join(root, "listed-link-escape"),
    });
    expect(JSON.stringify(preview)).not.toContain(CANARY);
    expect(preview.artifactTypes).toEqual([]);
    expect(preview.errors).toContainEqual(
      expect.objectContaining({
        path: "/",
        rule: "outside-import-root",
        message: '"elsewhere" is a link outside the import root; not read',
      }),
    );
  });

  it("a link that stays inside the root is followed", async () => {
    process.env.PATCHBAY_IMPORT_ROOTS = root;
    reloadEnv();
    const ops = await h.as("ops@acme.test");
    const preview = await ops.catalog.importPreview({
      organizationId: await acme(),
      path: path.join(root, "inside-link"),
    });
    expect(preview.errors).toEqual([]);
    expect(preview.artifactTypes.map((t) => t.name)).toEqual(["inside-link"]);
  });
});
