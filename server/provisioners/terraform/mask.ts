// Keeping secrets out of what a Terraform run shows: values Terraform marks sensitive (the
// `*_sensitive` trees of `show -json`) and any value equal to one of the request's secrets
// become "(sensitive)"; log text has every secret occurrence replaced the same way.

export const MASK = "(sensitive)";

/** Secrets shorter than this are not searched for in free text: they would mask noise. */
const MIN_SECRET_LENGTH = 4;

/** `text` with every occurrence of a secret replaced by the mask. */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets)
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret))
      out = out.split(secret).join(MASK);
  return out;
}

/**
 * `value` with the parts marked in `marks` (Terraform's sensitive tree: `true` on a sensitive
 * value, objects and arrays mirroring the value) and the values equal to a secret masked.
 */
export function maskValue(value: unknown, marks: unknown, secrets: readonly string[]): unknown {
  if (marks === true) return MASK;
  if (typeof value === "string") return secrets.includes(value) ? MASK : value;
  if (Array.isArray(value))
    return value.map((v, i) => maskValue(v, Array.isArray(marks) ? marks[i] : undefined, secrets));
  if (value && typeof value === "object") {
    const childMarks = marks && typeof marks === "object" ? (marks as Record<string, unknown>) : {};
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskValue(v, childMarks[k], secrets)]),
    );
  }
  return value;
}
