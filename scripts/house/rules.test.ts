import { describe, expect, it } from "vitest";
import { columnBreaches, sizeLimit } from "./rules";

const pad = (n: number) => "x".repeat(n);
const check = (source: string, file = "a.ts") => columnBreaches(file, source);

describe("columnBreaches", () => {
  it("lets a line of 100 columns pass", () => {
    expect(check(`const a = ${pad(89)};`)).toEqual([]);
  });
  it("allows a long line only because of a literal", () => {
    expect(check(`const m = { message: "${pad(120)}" };`)).toEqual([]);
    expect(check(`it(\`${pad(120)}\`, () => {});`)).toEqual([]);
    expect(check(`const r = /^${pad(120)}$/;`)).toEqual([]);
    expect(check(`const s = \`\n${pad(120)}\n\`;`)).toEqual([]);
    expect(check(`const t = \`${pad(50)} \${a} ${pad(80)}\`;`)).toEqual([]);
    expect(check(`const j = <p>${pad(120)}</p>;`, "a.tsx")).toEqual([]);
  });
  it("refuses long code and long comments, naming the line", () => {
    const code = check(`const x = 1;\nconst ${pad(60)} = call(${pad(60)});`);
    expect(code).toEqual([[2, expect.stringMatching(/^\d+ columns: run/)]]);
    expect(check(`// ${pad(120)}`)).toEqual([[1, expect.stringMatching(/comment/)]]);
    expect(check(`/**\n * ${pad(120)}\n */`)).toEqual([[2, expect.stringMatching(/comment/)]]);
    expect(check(`const a = 1; // ${pad(120)}`)).toEqual([[1, expect.stringMatching(/comment/)]]);
  });
});

describe("sizeLimit", () => {
  it("gives tests more room than source", () => {
    expect(sizeLimit("server/diagram/service.ts")).toBe(300);
    expect(sizeLimit("server/diagram/diagram.integration.test.ts")).toBe(600);
    expect(sizeLimit("e2e/canvas.spec.ts")).toBe(600);
    expect(sizeLimit("test/procedures.ts")).toBe(600);
  });
});
