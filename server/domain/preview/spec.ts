// What a preview file asks for, once read: the normalized spec both file formats (Patchbay's and
// Massdriver's `preview.yaml`) become. Pure: the CLI reads the file and expands `${VAR}` from the
// pipeline's environment; the server checks the spec again and converges the environment on it.

/** A secret of one component: its value comes from a named variable of the pipeline. */
export interface PreviewSecret {
  name: string;
  /** The pipeline variable holding the value (Patchbay's format). */
  fromEnv?: string;
  /** A value written in the file itself (Massdriver's format; warned about). */
  value?: string;
}

export interface PreviewComponent {
  /** Overrides merged over the base environment's params for this component. */
  params: Record<string, unknown>;
  secrets: PreviewSecret[];
}

/** An environment default (shared infrastructure such as a preview cluster) to carry over. */
export interface PreviewDefault {
  /** Artifact type, e.g. `kubernetes-cluster`. */
  type: string;
  /** Environment (slug) of the same project to copy it from; the base when absent. */
  from?: string;
}

export interface PreviewSpec {
  project: string;
  baseEnvironment: string;
  /** Hours until the preview is torn down; the server's default when absent. */
  ttlHours?: number;
  copySecrets: boolean;
  copyEnvironmentDefaults: boolean;
  environmentDefaults: PreviewDefault[];
  /** Tags of the preview environment (Massdriver's `attributes`). */
  tags: Record<string, string>;
  components: Record<string, PreviewComponent>;
}

/** Something in the file that was accepted with a caveat, named by its path. */
export interface PreviewWarning {
  path: string;
  message: string;
}

export const MAX_TTL_HOURS = 24 * 30;

/**
 * A duration such as `72h`, `3d`, `90m` or a number of hours, as whole hours (at least one);
 * null when it is not one.
 */
export function parseTtl(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? Math.ceil(value) : null;
  if (typeof value !== "string") return null;
  const match = /^\s*(\d{1,5})\s*(m|h|d)?\s*$/i.exec(value);
  if (!match) return null;
  const n = Number(match[1]);
  const unit = (match[2] ?? "h").toLowerCase();
  return unit === "d" ? n * 24 : unit === "m" ? Math.max(1, Math.ceil(n / 60)) : n;
}

/** A preview's slug from what the pipeline calls it (`pr-42`, `PR 42`, `feature/x`). */
export function previewSlug(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return (/^[a-z]/.test(words) ? words : `pr-${words}`).slice(0, 40).replace(/-+$/, "");
}
