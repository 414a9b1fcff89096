// What counts as one continuous gesture for undo: typing in one text field within one focus.
// Every focus starts a new gesture, so editing a field, leaving it and coming back (or
// editing another field) are separate undo entries. Selects, checkboxes and buttons are
// never a gesture: each change there is its own entry.
let epoch = 0;
let listening = false;

const TYPED = new Set(["text", "number", "search", "email", "url", "tel", "password", ""]);

function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return TYPED.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/** The gesture the next edit belongs to, or undefined when it is a one-off. */
export function currentGesture(): string | undefined {
  if (typeof document === "undefined") return undefined;
  if (!listening) {
    listening = true;
    document.addEventListener("focusin", () => epoch++, true);
  }
  return isTextEntry(document.activeElement) ? `focus-${epoch}` : undefined;
}
