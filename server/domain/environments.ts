export type EnvironmentClass = "production" | "non_production";

export interface EnvironmentSpec {
  slug: string;
  name: string;
  class: EnvironmentClass;
  protected: boolean;
}

/** What every new project starts with: staging, and a protected production. */
export const DEFAULT_ENVIRONMENTS: readonly EnvironmentSpec[] = [
  { slug: "staging", name: "Staging", class: "non_production", protected: false },
  { slug: "production", name: "Production", class: "production", protected: true },
];
