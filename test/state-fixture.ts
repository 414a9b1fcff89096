// Set-up for state backend tests, written directly (no audit event): the demo's API and the
// database whose line goes into it, as instances in staging; runs on them; an HTTP client.
import { createHash, randomBytes } from "node:crypto";
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
    return (
      await prisma.instance.upsert({
        where: { componentId_environmentId: { componentId, environmentId } },
        create: { projectId: project.id, componentId, environmentId },
        update: {},
        select: { id: true },
      })
    ).id;
  };
  return {
    api: await instance("k8s-application"),
    database: await instance("aws-rds-postgres"),
    environmentId,
    projectId: project.id,
  };
}

/** A run of the instance, `running` (its state credentials valid) until `finish`. */
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
  return {
    id,
    finish: () => prisma.deployment.update({ where: { id }, data: { status: "succeeded" } }),
  };
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
