// Meta-schemas of the on-disk catalog format, as JSON Schema (draft-07) objects.
// They check shape only; cross-references (types exist, templates resolve, presets fit
// the params) are checked in code afterwards because they span several files.

import { SLUG_PATTERN } from "../domain/names";

const BUNDLE_NAME_PATTERN = "^[a-z][a-z0-9-]+[a-z0-9]$";
const SLOT_KEY_PATTERN = "^[a-z][a-z0-9_]*$";
const ENV_VAR_PATTERN = "^[A-Z][A-Z0-9_]*$";

const nonEmpty = { type: "string", minLength: 1 } as const;

export const bundleMetaSchema = {
  $id: "patchbay:bundle",
  type: "object",
  additionalProperties: false,
  required: [
    "name",
    "version",
    "description",
    "icon",
    "category",
    "params",
    "connections",
    "artifacts",
    "steps",
  ],
  properties: {
    name: { type: "string", pattern: BUNDLE_NAME_PATTERN },
    // semver itself is checked with the `semver` package (the regex is unreadable).
    version: nonEmpty,
    description: nonEmpty,
    icon: { type: "string", pattern: "^[a-z0-9-]+$", description: "lucide icon name" },
    category: nonEmpty,
    params: { type: "object", required: ["type"], properties: { type: { const: "object" } } },
    ui: { type: "object" },
    presets: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "values"],
        properties: {
          name: nonEmpty,
          description: { type: "string" },
          values: { type: "object" },
          // Which environments may use the preset: classes and/or environment slugs; absent = every
          // one.
          allowed: {
            type: "object",
            additionalProperties: false,
            minProperties: 1,
            properties: {
              classes: {
                type: "array",
                minItems: 1,
                uniqueItems: true,
                items: { enum: ["production", "non_production"] },
              },
              environments: {
                type: "array",
                minItems: 1,
                uniqueItems: true,
                items: { type: "string", pattern: SLUG_PATTERN.source },
              },
            },
          },
        },
      },
    },
    connections: {
      type: "object",
      propertyNames: { pattern: SLOT_KEY_PATTERN },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["type", "required", "title"],
        properties: {
          type: nonEmpty,
          required: { type: "boolean" },
          title: nonEmpty,
          constraints: { type: "object" },
        },
      },
    },
    artifacts: {
      type: "object",
      propertyNames: { pattern: SLOT_KEY_PATTERN },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["type", "title"],
        properties: { type: nonEmpty, title: nonEmpty },
      },
    },
    app: {
      type: "object",
      additionalProperties: false,
      properties: {
        env: {
          type: "object",
          propertyNames: { pattern: ENV_VAR_PATTERN },
          additionalProperties: { type: "string" },
        },
        secrets: {
          type: "object",
          propertyNames: { pattern: ENV_VAR_PATTERN },
          additionalProperties: {
            type: "object",
            additionalProperties: false,
            required: ["title", "required"],
            properties: {
              title: nonEmpty,
              required: { type: "boolean" },
              description: { type: "string" },
            },
          },
        },
      },
    },
    steps: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["path", "provisioner"],
        properties: {
          path: { type: "string", pattern: "^[A-Za-z0-9._/-]+$", not: { pattern: "(^/|\\.\\.)" } },
          provisioner: { enum: ["opentofu", "terraform", "helm", "local"] },
        },
      },
    },
  },
} as const;

const templateString = { type: "string", minLength: 1 } as const;

const iamStatement = {
  type: "object",
  additionalProperties: false,
  required: ["Effect", "Action", "Resource"],
  properties: {
    Sid: { type: "string" },
    Effect: { enum: ["Allow", "Deny"] },
    Action: {
      type: "array",
      minItems: 1,
      items: { type: "string", pattern: "^[a-z0-9-]+:[A-Za-z*]+$" },
    },
    Resource: { oneOf: [templateString, { type: "array", minItems: 1, items: templateString }] },
    Condition: { type: "object" },
  },
} as const;

const grants = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: {
    aws: {
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: {
        document: {
          type: "object",
          additionalProperties: false,
          required: ["Version", "Statement"],
          properties: {
            Version: { const: "2012-10-17" },
            Statement: { type: "array", minItems: 1, items: iamStatement },
          },
        },
        policyArn: templateString,
      },
    },
    gcp: {
      type: "object",
      additionalProperties: false,
      required: ["role", "resource"],
      properties: {
        role: { type: "string", pattern: "^roles/[A-Za-z0-9_.]+$" },
        resource: templateString,
        condition: { type: "string" },
      },
    },
    postgresql: {
      type: "object",
      additionalProperties: false,
      required: ["statements"],
      properties: { statements: { type: "array", minItems: 1, items: templateString } },
    },
    redis: {
      type: "object",
      additionalProperties: false,
      required: ["acl"],
      properties: { acl: templateString },
    },
    kubernetes: {
      type: "object",
      additionalProperties: false,
      required: ["scope", "rules"],
      properties: {
        scope: { enum: ["namespace", "cluster"] },
        rules: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["apiGroups", "resources", "verbs"],
            properties: {
              apiGroups: { type: "array", items: { type: "string" } },
              resources: { type: "array", minItems: 1, items: nonEmpty },
              verbs: { type: "array", minItems: 1, items: nonEmpty },
              resourceNames: { type: "array", items: nonEmpty },
            },
          },
        },
      },
    },
  },
} as const;

export const artifactTypeMetaSchema = {
  $id: "patchbay:artifact-type",
  type: "object",
  additionalProperties: false,
  required: ["name", "label", "icon", "color", "orientation", "schema"],
  properties: {
    name: { type: "string", pattern: BUNDLE_NAME_PATTERN },
    label: nonEmpty,
    icon: { type: "string", pattern: "^[a-z0-9-]+$" },
    color: { type: "string", pattern: "^#[0-9a-fA-F]{6}$" },
    orientation: { enum: ["link", "environment"] },
    schema: { type: "object", required: ["type"], properties: { type: { const: "object" } } },
    policies: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "title", "description", "grants"],
        properties: {
          id: { type: "string", pattern: "^[a-z][a-z0-9-]*$" },
          title: nonEmpty,
          description: nonEmpty,
          additive: { type: "boolean" },
          grants,
        },
      },
    },
  },
} as const;
