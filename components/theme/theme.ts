// Light or dark: the person's choice (kept in localStorage) or, by default, the system's
// (prefers-color-scheme). The class `dark` on <html> switches the palette (app/dark-palette.css);
// THEME_SCRIPT sets it before the first paint, so a dark page never flashes white.

export type ThemePreference = "system" | "light" | "dark";

export const THEME_KEY = "patchbay-theme";

export const readPreference = (stored: string | null): ThemePreference =>
  stored === "light" || stored === "dark" ? stored : "system";

/** Whether the page is dark for a preference, given what the system prefers. */
export const isDark = (preference: ThemePreference, systemDark: boolean): boolean =>
  preference === "dark" || (preference === "system" && systemDark);

/** Puts the theme on <html>: the palette class and the native controls' colour scheme. */
export function applyTheme(root: HTMLElement, dark: boolean): void {
  root.classList.toggle("dark", dark);
  root.style.colorScheme = dark ? "dark" : "light";
}

/** Runs inline in <head>, before anything paints: the same rule as above, without imports. */
export const THEME_SCRIPT = `(function(){try{var p=localStorage.getItem(${JSON.stringify(THEME_KEY)});var d=p==="dark"||(p!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var r=document.documentElement;r.classList.toggle("dark",d);r.style.colorScheme=d?"dark":"light"}catch(e){}})();`;
