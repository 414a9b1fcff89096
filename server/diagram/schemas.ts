// zod shapes of the diagram procedures: operations in, diagram and catalog out.
import { z } from "zod";
import { usablePresetDto } from "../rules/schemas";

const record = z.record(z.string(), z.unknown());
/** Ids are chosen by the client so undo/redo can bring back the same component or line. */
const elementId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,40}$/, { message: "must be 8–40 letters, digits, _ or -" });
const slot = z.string().min(1).max(64);
const coordinate = z.number();

const componentSchema = z.object({
  id: elementId,
  name: z.string().max(64),
  bundle: z.string().max(100),
  version: z.string().max(64),
  x: coordinate,
  y: coordinate,
});
const policyIds = z.array(z.string().max(64)).max(20);
const environmentId = z.string().max(40);
const linkSchema = z.object({
  id: elementId,
  from: elementId,
  fromArtifact: slot,
  to: elementId,
  toSlot: slot,
  /** What the link grants in every environment without a choice of its own. */
  policies: z.array(z.string().max(64)).max(10),
  /** Environment id → the policies chosen for the link there. */
  policiesIn: z.record(environmentId, policyIds).optional(),
});
const instanceConfigSchema = z.object({
  params: record,
  preset: z.string().max(100).nullable(),
  /** The preset version pinned; absent means the newest published one. */
  presetVersion: z.number().int().positive().optional(),
});

export const opSchema = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("addComponent"),
    component: componentSchema,
    instances: z.record(z.string(), instanceConfigSchema).optional(),
    /** Copy every other environment's configuration from this component (a duplicate). */
    copyInstancesOf: elementId.optional(),
  }),
  z.object({
    op: z.literal("updateComponent"),
    id: elementId,
    name: z.string().max(64).optional(),
    x: coordinate.optional(),
    y: coordinate.optional(),
    version: z.string().max(64).optional(),
  }),
  z.object({ op: z.literal("removeComponent"), id: elementId }),
  z.object({ op: z.literal("addLink"), link: linkSchema }),
  z.object({ op: z.literal("removeLink"), id: elementId }),
  z.object({
    op: z.literal("setInstance"),
    component: elementId,
    environment: environmentId,
    config: instanceConfigSchema,
  }),
  /** The policies a link grants in one environment; null drops the choice. */
  z.object({
    op: z.literal("setLinkPolicy"),
    link: elementId,
    environment: environmentId,
    policies: policyIds.nullable(),
  }),
]);

export const diagramDto = z.object({
  revision: z.number().int(),
  diagram: z.object({
    components: z.array(componentSchema),
    links: z.array(linkSchema),
    instances: z.record(z.string(), z.record(z.string(), instanceConfigSchema)),
  }),
  statuses: z.array(
    z.object({
      componentId: z.string(),
      environmentId: z.string(),
      status: z.string(),
      deployedVersion: z.string().nullable(),
    }),
  ),
});

const slotDto = z.object({ key: z.string(), type: z.string(), title: z.string() });
export const diagramCatalogDto = z.object({
  /** Organization guardrail: production instances must use a preset allowed in production. */
  requireProductionPresets: z.boolean(),
  bundles: z.array(
    z.object({
      name: z.string(),
      version: z.string(),
      description: z.string(),
      icon: z.string(),
      category: z.string(),
      params: record,
      ui: record,
      inputs: z.array(slotDto.extend({ required: z.boolean() })),
      outputs: z.array(slotDto),
      presets: z.array(usablePresetDto),
    }),
  ),
  artifactTypes: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      color: z.string(),
      orientation: z.enum(["link", "environment"]),
      /** With their grant templates per provider: what each policy expands to. */
      policies: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          description: z.string(),
          grants: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  ),
});
