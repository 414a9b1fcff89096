import { describe, expect, it } from "vitest";
import { realType } from "@/test/real-catalog";
import { pointerSegments, touchesSensitive } from "./sensitive";

describe("touchesSensitive", () => {
  const pg = realType("postgresql").sensitivePaths;

  it("flags the field, anything below it and any object containing it", () => {
    expect(touchesSensitive(pg, ["password"])).toBe(true);
    expect(touchesSensitive(pg, [])).toBe(true);
    expect(touchesSensitive(pg, ["username"])).toBe(false);
  });

  it("matches wildcards of array items and map values", () => {
    expect(touchesSensitive(["/keys/*/secret"], ["keys", "0", "secret"])).toBe(true);
    expect(touchesSensitive(["/keys/*/secret"], ["keys", "0", "id"])).toBe(false);
    expect(pointerSegments("/a~1b/c~0d")).toEqual(["a/b", "c~d"]);
  });
});
