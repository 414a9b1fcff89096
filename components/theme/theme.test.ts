import { describe, expect, it } from "vitest";
import { isDark, readPreference, THEME_SCRIPT } from "./theme";

describe("theme", () => {
  it("follows the system unless light or dark was chosen", () => {
    expect(readPreference(null)).toBe("system");
    expect(readPreference("bogus")).toBe("system");
    expect(readPreference("dark")).toBe("dark");
    expect(isDark("system", true)).toBe(true);
    expect(isDark("system", false)).toBe(false);
    expect(isDark("light", true)).toBe(false);
    expect(isDark("dark", false)).toBe(true);
  });

  it("sets the class before paint with the same key", () => {
    expect(THEME_SCRIPT).toContain('"patchbay-theme"');
    expect(THEME_SCRIPT).toContain("prefers-color-scheme: dark");
  });
});
