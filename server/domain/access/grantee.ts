// The consumer principal a line's policies are granted to. Identities are per project,
// environment and component (named from the consumer's name_prefix), so two environments
// or two projects never share a role; database users are per line, so revoking one line
// never touches another line of the same consumer.
import { shortHash } from "./stable-hash";

/** Marks a value that is not known until something is deployed or configured. */
export const unknownValue = (what: string) => `<unknown: ${what}>`;

/** Where the consumer runs; unknown parts render as `unknownValue` placeholders. */
export interface CloudContext {
  /** 12-digit AWS account id of the environment, when known. */
  awsAccountId?: string | null;
  /** GCP project id of the environment, when known. */
  gcpProjectId?: string | null;
  /** Kubernetes namespace of the consumer; defaults to its name_prefix. */
  kubernetesNamespace?: string | null;
}

/** Fields available as `{{grantee.*}}` in policy templates (see GRANTEE_FIELDS). */
export interface Grantee {
  name: string;
  arn: string;
  email: string;
  namespace: string;
  service_account: string;
}

const GCP_ACCOUNT_MAX = 30;

/** Shorten `value` to `max` characters, replacing the tail with a hash of the whole so distinct inputs stay distinct. */
function fitName(value: string, max: number, separator = "-"): string {
  if (value.length <= max) return value;
  const hash = shortHash(value);
  const head = value.slice(0, max - hash.length - separator.length).replace(/[-_]+$/, "");
  return `${head}${separator}${hash}`;
}

/**
 * GCP service-account ids are 6–30 characters. A name_prefix already ends with its stable
 * 4-character suffix, so a long one keeps its first 25 characters plus that suffix.
 */
export function gcpAccountId(namePrefix: string): string {
  if (namePrefix.length <= GCP_ACCOUNT_MAX) return namePrefix.padEnd(6, "0");
  const suffix = namePrefix.slice(-4);
  return `${namePrefix.slice(0, GCP_ACCOUNT_MAX - 5).replace(/-+$/, "")}-${suffix}`;
}

/** The consumer's principal in one environment. */
export function granteeOf(namePrefix: string, cloud: CloudContext = {}): Grantee {
  const account = cloud.awsAccountId || unknownValue("aws account");
  const gcpProject = cloud.gcpProjectId || unknownValue("gcp project");
  return {
    name: namePrefix,
    arn: `arn:aws:iam::${account}:role/${namePrefix}`,
    email: `${gcpAccountId(namePrefix)}@${gcpProject}.iam.gserviceaccount.com`,
    namespace: cloud.kubernetesNamespace || namePrefix,
    service_account: namePrefix,
  };
}

/** PostgreSQL role / Redis user of one line: `{name_prefix}-{slot}`, at most 63 characters (PostgreSQL silently truncates longer identifiers). */
export function linkUserName(namePrefix: string, slot: string): string {
  return fitName(`${namePrefix}-${slot.replace(/_/g, "-")}`, 63);
}
