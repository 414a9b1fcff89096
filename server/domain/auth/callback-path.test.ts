import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each([
    ["/", "/"],
    ["/o/acme", "/o/acme"],
    [
      "/o/acme/p/ecommerce-api?env=production&tab=compare#x",
      "/o/acme/p/ecommerce-api?env=production&tab=compare#x",
    ],
    ["/o/acme?q=a%20b", "/o/acme?q=a%20b"],
    ["/o/acme/../catalog", "/o/catalog"],
  ])("follows the same-origin path %j", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  const hostile = [
    "//evil.example/x",
    "///evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "/\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/\u0000/evil.example",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
    "/%5Cevil.example/x",
    "/%5C%5Cevil.example",
    "/%09/evil.example/x",
    "/%0a/evil.example",
    "/%2F%2Fevil.example",
    "/%2fevil.example",
    "/%252F%252Fevil.example",
    "/%255Cevil.example",
    "/%E0%A4%A",
    "https://evil.example/x",
    "http://evil.example",
    "HTTPS://evil.example",
    "//evil.example@patchbay.test",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "/javascript:alert(1)\\",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "evil.example",
    "o/acme",
    "",
    " /o/acme",
    "/o/acme\t",
    `/${"a".repeat(3000)}`,
  ];
  it.each(hostile.map((h) => [h]))("refuses %j", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("refuses what is not a string", () => {
    for (const raw of [undefined, null, 42, ["/o/acme"], { toString: () => "/o/acme" }])
      expect(safeCallbackPath(raw)).toBe("/");
  });

  it("admits absolute URLs of its own origin only, as paths", () => {
    const origin = "https://patchbay.example";
    expect(safeCallbackPath("https://patchbay.example/o/acme?x=1", origin)).toBe("/o/acme?x=1");
    expect(safeCallbackPath("https://patchbay.example", origin)).toBe("/");
    expect(safeCallbackPath("/o/acme", origin)).toBe("/o/acme");
    for (const raw of [
      "https://evil.example/o/acme",
      "http://patchbay.example/o/acme",
      "https://patchbay.example.evil.example/",
      "https://patchbay.example@evil.example/",
      "https://patchbay.example:444/",
      "https://patchbay.example/\\evil.example",
      "https://patchbay.example//evil.example",
      "javascript:alert(1)",
    ]) {
      expect(safeCallbackPath(raw, origin), raw).toBe("/");
    }
  });
});
