// Set-up for state backend tests, written directly (no audit event): the demo's API and the
// database whose line goes into it, as instances in staging; runs on them; an HTTP client.
import { createHash, randomBytes } from "node:crypto";
import { seal } from "@/server/crypto/cipher";
import { seedDemoDiagram } from "@/server/seed-diagram";
import type { Harness } from "./integration";

/** The demo API's and database's instances in staging (the database's line goes into the API). */
export async function stateInstances(h: Harness) {
  const prisma = h.db().prisma;
  await seedDemoDiagram();
  const project = await prisma.project.findFirstOrThrow({
    where: { slug: "ecommerce-api" },
    select: { id: true, environments: { where: { slug: "staging" }, select: { id: true } } },
  });
  const environmentId = project.environments[0]!.id;
  const instance = async (bundleName: string) => {
    const { id: componentId } = await prisma.component.findFirstOrThrow({
      where: { projectId: project.id, bundleName },
      select: { id: true },
    });
    const { id } = await prisma.instance.upsert({
      where: { componentId_environmentId: { componentId, environmentId } },
      create: { projectId: project.id, componentId, environmentId },
      update: {},
      select: { id: true },
    });
    return { id, componentId };
  };
  const api = await instance("k8s-application");
  return {
    api: api.id,
    apiComponent: api.componentId,
    database: (await instance("aws-rds-postgres")).id,
    environmentId,
    projectId: project.id,
  };
}

/** A run of the instance, `running`: its state credentials are valid. */
export async function runningRun(h: Harness, instanceId: string, environmentId: string) {
  const prisma = h.db().prisma;
  // One active run per instance: the demo's queued ones step aside.
  await prisma.deployment.updateMany({
    where: { instanceId, status: { in: ["queued", "running"] } },
    data: { status: "aborted" },
  });
  const { id } = await prisma.deployment.create({
    data: { instanceId, environmentId, action: "apply", status: "running", startedAt: new Date() },
    select: { id: true },
  });
  return { id };
}

/** A Terraform state (format 4) with this serial and lineage. */
export function tfState(serial: number, lineage: string, extra: object = {}): string {
  return `${JSON.stringify({ version: 4, terraform_version: "1.11.0", serial, lineage, outputs: {}, resources: [], ...extra }, null, 2)}\n`;
}

export const newLineage = () => randomBytes(8).toString("hex");

export function lockInfo(id = randomBytes(8).toString("hex"), who = "tester@host") {
  return {
    ID: id,
    Operation: "OperationTypeApply",
    Info: "",
    Who: who,
    Version: "1.11.0",
    Created: new Date().toISOString(),
    Path: "",
  };
}

export type Auth = { bearer: string } | { user: string; password: string };

/** One request to the backend as Terraform makes it (Content-MD5 on writes unless given). */
export async function call(
  url: string,
  method: string,
  auth: Auth | null,
  body?: string,
  headers: Record<string, string> = {},
) {
  const h: Record<string, string> = { ...headers };
  if (auth)
    h.Authorization =
      "bearer" in auth
        ? `Bearer ${auth.bearer}`
        : `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString("base64")}`;
  if (method === "POST" && body !== undefined && !("Content-MD5" in h))
    h["Content-MD5"] = createHash("md5").update(body).digest("base64");
  const res = await fetch(url, { method, headers: h, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

interface ComponentTarget {
  projectId: string;
  componentId: string;
  environmentId: string;
}

/**
 * The API's state `src` in staging (or `target`'s) with versions 1 and 2 (`second` is version
 * 2's text), written directly once (set-up, no audit event); the input the state procedures take.
 */
export async function storedState(
  h: Harness,
  second = tfState(2, "fixture-lineage"),
  target?: ComponentTarget,
) {
  const prisma = h.db().prisma;
  let to = target;
  if (!to) {
    const ids = await stateInstances(h);
    to = {
      projectId: ids.projectId,
      componentId: ids.apiComponent,
      environmentId: ids.environmentId,
    };
  }
  const { id: instanceId } = await prisma.instance.upsert({
    where: {
      componentId_environmentId: { componentId: to.componentId, environmentId: to.environmentId },
    },
    create: to,
    update: {},
    select: { id: true },
  });
  const { organizationId } = await prisma.project.findUniqueOrThrow({
    where: { id: to.projectId },
    select: { organizationId: true },
  });
  if ((await prisma.stateVersion.count({ where: { instanceId, step: "src" } })) === 0)
    for (const [version, text] of [tfState(1, "fixture-lineage"), second].entries()) {
      const bytes = Buffer.from(text);
      await prisma.stateVersion.create({
        data: {
          organizationId,
          instanceId,
          step: "src",
          version: version + 1,
          serial: version + 1,
          lineage: "fixture-lineage",
          md5: createHash("md5").update(bytes).digest("base64"),
          size: bytes.length,
          ...seal(bytes.toString("base64")),
          who: "fixture",
        },
      });
    }
  return { ...to, step: "src", instanceId };
}

/** `storedState`, locked by someone (written directly): what a force-unlock releases. */
export async function lockedState(h: Harness, target?: ComponentTarget) {
  const { instanceId, ...input } = await storedState(h, undefined, target);
  const info = lockInfo();
  await h.db().prisma.stateLock.createMany({
    data: [{ instanceId, step: "src", lockId: info.ID, info }],
    skipDuplicates: true,
  });
  return input;
}

/** Version 2 of `storedState` holding `secret` as Terraform would: sensitive, and echoed. */
export function stateWithCanary(secret: string): string {
  const value = { value: { pw: secret }, type: ["object", { pw: "string" }] };
  return tfState(2, "fixture-lineage", {
    outputs: { pw: { value: secret, type: "string", sensitive: true } },
    resources: [
      {
        mode: "managed",
        type: "terraform_data",
        name: "canary",
        provider: 'provider["terraform.io/builtin/terraform"]',
        instances: [
          {
            schema_version: 0,
            attributes: { id: "canary", input: value, output: value, triggers_replace: null },
            sensitive_attributes: [
              [
                { type: "get_attr", value: "input" },
                { type: "get_attr", value: "pw" },
              ],
            ],
          },
        ],
      },
    ],
  });
}
