/** Slugs for projects and environments: lowercase letters, digits and dashes, 2–40 chars. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;
export const SLUG_RULE =
  "must be 2–40 lowercase letters, digits or dashes, starting with a letter and not ending with a dash";
