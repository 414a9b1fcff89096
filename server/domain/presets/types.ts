// Presets as the rules see them: a version's values, its per-field guardrails and the
// environments that may use it. Plain data, shared by the server (enforcement), the canvas
// (read-only and narrowed fields) and the preset editor.
import type { EnvironmentClass } from "../environments";

/** A scalar a narrowed field may take. */
export type Scalar = string | number | boolean;

/**
 * One field's guardrail. A field without a rule is open: developers may change it.
 * `locked` fixes the preset's value; `narrowed` allows a subset of what the bundle allows.
 */
export type FieldRule =
  | { mode: "locked" }
  | { mode: "narrowed"; enum?: Scalar[]; minimum?: number; maximum?: number; pattern?: string };

/** Guardrails by dotted field path (`storage.allocated_gb`). */
export type PresetRules = Record<string, FieldRule>;

/**
 * Which environments may use a version: those of the listed classes and those named by
 * slug. Neither list (or both empty) means every environment.
 */
export interface AllowedEnvironments {
  classes?: EnvironmentClass[];
  environments?: string[];
}

/** One published (or draft) version of a preset, as the rules need it. */
export interface PresetVersionRules {
  /** The preset's name, for messages ("locked by preset …"). */
  name: string;
  version: number;
  values: Record<string, unknown>;
  rules: PresetRules;
  allowed: AllowedEnvironments;
}

/** The environment an instance lives in, as the allowed-environments rule reads it. */
export interface EnvironmentRef {
  slug: string;
  class: EnvironmentClass;
}

/** A value that breaks a preset's rule: the field, the rule and a sentence naming the preset. */
export interface Violation {
  path: string;
  rule: "locked" | "enum" | "minimum" | "maximum" | "pattern";
  message: string;
}
