"use client";
// The theme switch in the top bar: System (follows prefers-color-scheme, live), Light or Dark,
// remembered in this browser.
import { useEffect, useState } from "react";
import { applyTheme, isDark, readPreference, THEME_KEY, type ThemePreference } from "./theme";

const SYSTEM_DARK = "(prefers-color-scheme: dark)";

export function ThemeToggle() {
  // null until the stored choice is read: applying "system" first would flash a stored "light".
  const [preference, setPreference] = useState<ThemePreference | null>(null);
  useEffect(() => setPreference(readPreference(localStorage.getItem(THEME_KEY))), []);
  useEffect(() => {
    if (!preference) return;
    const media = window.matchMedia(SYSTEM_DARK);
    const apply = () => applyTheme(document.documentElement, isDark(preference, media.matches));
    apply();
    media.addEventListener("change", apply);
    return () => media.removeEventListener("change", apply);
  }, [preference]);
  const choose = (next: ThemePreference) => {
    setPreference(next);
    if (next === "system") localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
  };
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600">
      <span className="sr-only">Theme</span>
      <select
        aria-label="Theme"
        className="rounded-md border-0 bg-white py-1 pl-2 pr-7 text-xs text-slate-700 ring-1 ring-inset ring-slate-300"
        value={preference ?? "system"}
        onChange={(e) => choose(readPreference(e.target.value))}
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
