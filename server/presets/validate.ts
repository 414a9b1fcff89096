// A preset version's content checked against its bundle before it is saved or published:
// values complete and valid for the bundle's params, guardrails possible and consistent.
import semver from "semver";
import type { Tx } from "../db";
import { schemaDefaults, mergeParams } from "../domain/access/params";
import type { BundleDefinition } from "../domain/catalog/types";
import { AppError, fieldMessages } from "../domain/errors";
import { checkDescription } from "../domain/presets/description";
import { ruleProblems } from "../domain/presets/rules";
import type { PresetRules } from "../domain/presets/types";
import { paramProblems } from "../rules/context";
import { listBundleVersionDefinitions } from "../repositories/diagram";

/** Every version of a bundle the organization may see, newest first. */
async function bundleVersions(
  organizationId: string,
  name: string,
  tx?: Tx,
): Promise<[BundleDefinition, ...BundleDefinition[]]> {
  const versions = (await listBundleVersionDefinitions(organizationId, tx)).filter(
    (b) => b.name === name,
  );
  versions.sort((a, b) => semver.rcompare(a.version, b.version));
  if (versions.length === 0)
    throw new AppError("BAD_REQUEST", `bundle: "${name}" is not in the catalog`, {
      fields: { bundle: ["is not in the catalog"] },
    });
  return versions as [BundleDefinition, ...BundleDefinition[]];
}

/**
 * The newest version of a bundle the organization may see: the schema a preset is authored against.
 */
export async function newestBundle(
  organizationId: string,
  name: string,
  tx?: Tx,
): Promise<BundleDefinition> {
  return (await bundleVersions(organizationId, name, tx))[0];
}

/**
 * {@link newestBundle}, once the preset's description is known to be its own: present, and not
 * a description one of the bundle's versions ships with a built-in preset.
 */
export async function authoredBundle(
  organizationId: string,
  name: string,
  description: string,
  tx?: Tx,
): Promise<BundleDefinition> {
  const versions = await bundleVersions(organizationId, name, tx);
  checkDescription(
    description,
    versions.flatMap((v) => v.presets),
  );
  return versions[0];
}

/**
 * The values to store (the bundle's defaults filled in, so every locked field has a value)
 * or a BAD_REQUEST listing every field that breaks a rule.
 */
export function checkedVersion(
  bundle: BundleDefinition,
  values: Record<string, unknown>,
  rules: PresetRules,
): Record<string, unknown> {
  const full = mergeParams(schemaDefaults(bundle.params), values);
  const problems = [
    ...paramProblems(bundle, full).map((p) => ({ path: `values.${p.path}`, message: p.message })),
    ...ruleProblems(bundle.params, full, rules),
  ];
  if (problems.length > 0) {
    const fields = fieldMessages(problems.map((p) => ({ field: p.path, message: p.message })));
    throw new AppError("BAD_REQUEST", `${problems[0]!.path}: ${problems[0]!.message}`, { fields });
  }
  return full;
}
