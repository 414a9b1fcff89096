// Output schemas of the access procedures. Payloads and rendered grants are provider
// documents (IAM JSON, GRANT lists, ACL rules) whose shape the domain owns, so they are
// declared as JSON values here; everything the UI keys on is declared field by field.
import { z } from "zod";

const json = z.record(z.string(), z.unknown());
const policy = z.object({ id: z.string(), title: z.string(), description: z.string() });
const source = z.union([
  z.object({
    kind: z.literal("link"),
    linkId: z.string(),
    from: z.object({ componentId: z.string(), name: z.string() }),
  }),
  z.object({ kind: z.literal("environment-default"), name: z.string() }),
  z.object({
    kind: z.literal("remote-reference"),
    referenceId: z.string(),
    label: z.string(),
    project: z.string().nullable(),
  }),
]);

const envVar = z.object({
  name: z.string(),
  value: z.string().nullable(),
  sensitive: z.boolean(),
  masked: z.boolean(),
  sources: z.array(
    z.object({
      kind: z.enum(["param", "metadata", "connection"]),
      path: z.string(),
      slot: z.string().optional(),
      linkId: z.string().optional(),
      environmentDefault: z.string().optional(),
      remoteReference: z.string().optional(),
    }),
  ),
});

const radiusLink = z.object({
  linkId: z.string(),
  peer: z.object({ componentId: z.string(), name: z.string() }),
  slot: z.string(),
  type: z.string(),
  policies: z.array(policy),
});

export const resolutionDto = z.object({
  params: json,
  connections: z.array(
    z.object({
      slot: z.string(),
      type: z.string(),
      required: z.boolean(),
      source: source.nullable(),
      payload: json.nullable(),
      preview: z.boolean(),
      unknown: z.array(z.string()),
      sensitive: z.array(z.string()),
    }),
  ),
  metadata: z.object({
    name_prefix: z.string(),
    default_tags: z.record(z.string(), z.string()),
    project: z.string(),
    environment: z.string(),
    component: z.string(),
    deployment_id: z.string().nullable(),
  }),
  env: z.array(envVar),
  secrets: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      required: z.boolean(),
      description: z.string().optional(),
      set: z.boolean(),
    }),
  ),
  grants: z.array(
    z.object({
      linkId: z.string().nullable(),
      slot: z.string(),
      type: z.string(),
      source,
      policies: z.array(policy),
      grants: z
        .object({
          aws: z.unknown(),
          gcp: z.unknown(),
          postgresql: z.unknown(),
          redis: z.unknown(),
          kubernetes: z.unknown(),
        })
        .partial(),
      preview: z.boolean(),
      placeholders: z.array(z.string()),
      problems: z.array(z.object({ rule: z.string(), message: z.string() })),
    }),
  ),
  problems: z.array(
    z.object({
      rule: z.string(),
      slot: z.string(),
      linkId: z.string().optional(),
      message: z.string(),
    }),
  ),
  radius: z.object({
    outgoing: z.array(radiusLink),
    incoming: z.array(radiusLink),
    linkIds: z.array(z.string()),
  }),
  /** Slots of other projects that borrow this component's published outputs here. */
  borrowers: z.array(
    z.object({
      project: z.string(),
      environment: z.string(),
      component: z.string(),
      slot: z.string(),
    }),
  ),
});

/** The Code tab: what a deployment will receive, as files; secrets appear by name only. */
export const codeViewDto = z.object({
  component: z.string(),
  environment: z.string(),
  bundle: z.object({ name: z.string(), version: z.string() }),
  /** The bundle's provisioner: tfvars are what `opentofu`/`terraform` steps read. */
  provisioner: z.string().nullable(),
  files: z.array(z.object({ name: z.string(), content: z.string() })),
  withheld: z.array(z.string()),
  afterDeployment: z.array(z.string()),
  secrets: z.array(
    z.object({ name: z.string(), title: z.string(), required: z.boolean(), set: z.boolean() }),
  ),
});
