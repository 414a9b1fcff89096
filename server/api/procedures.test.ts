// The authorization matrix, read from the code: every procedure is made by a builder that
// declares its scope and least role (procedures.ts, trpc.ts), and what each declares is what
// the matrix table (test/procedures.ts) expects and the matrix suite checks by calling.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { PROCEDURES, procedureMeta, procedurePaths } from "@/test/procedures";
import { appRouter } from "./root";

const BUILT_SCOPES = ["signed-in", "person", "organization", "project", "environment"];

it("every procedure is built from a builder that declares who may call it, as the matrix table says", () => {
  const declared = procedurePaths(appRouter).map((p) => {
    const meta = procedureMeta(appRouter, p);
    return {
      path: p,
      scope: meta?.scope,
      minimum: meta?.minimum,
      personOnly: meta?.personOnly ?? false,
    };
  });
  expect(declared.filter((d) => !BUILT_SCOPES.includes(d.scope ?? "none"))).toEqual([]);
  const expected = declared.map((d) => ({
    ...d,
    minimum: PROCEDURES[d.path]?.minimum,
    personOnly: PROCEDURES[d.path]?.personOnly ?? false,
  }));
  expect(declared).toEqual(expected);
});

it("a scoped procedure names the action its refusals are recorded under", () => {
  const unnamed = procedurePaths(appRouter).filter((p) => {
    const meta = procedureMeta(appRouter, p);
    return meta?.minimum !== "signed-in" && !meta?.action;
  });
  expect(unnamed).toEqual([]);
});

it("handlers never call the guard: only the builders do", () => {
  const root = path.join(process.cwd(), "server/api");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  const callers = files.filter((f) =>
    /from "(\.\.?\/)+guard"/.test(readFileSync(path.join(root, f), "utf8")),
  );
  // audit/shared.ts: the trail's optional project filter, checked in the builder it declares.
  expect(callers.sort()).toEqual(["procedures.ts", "routers/audit/shared.ts"]);
});
