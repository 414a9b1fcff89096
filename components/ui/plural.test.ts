import { describe, expect, it } from "vitest";
import { plural } from "./plural";

describe("plural", () => {
  it("says one thing in the singular and any other count in the plural", () => {
    expect(plural(1, "environment")).toBe("1 environment");
    expect(plural(0, "environment")).toBe("0 environments");
    expect(plural(2, "environment")).toBe("2 environments");
    expect(plural(1, "line differs", "lines differ")).toBe("1 line differs");
    expect(plural(3, "line differs", "lines differ")).toBe("3 lines differ");
  });
});
