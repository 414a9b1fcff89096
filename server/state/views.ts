// What the inspector's State section reads and does: an instance's states (latest version, lock
// holder, backend block), a state's history, the diff of two versions (sensitive values masked),
// the audited download of one version, and the audited force-unlock.
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import { open } from "../crypto/cipher";
import { AppError } from "../domain/errors";
import { diffStates, type StateDiff } from "../domain/state/diff";
import type { LockInfo } from "../domain/state/lock";
import * as repo from "../repositories/state";
import { stateAddress } from "./credentials";
import { stateTarget, unlockState } from "./service";

/** Bundles name their Terraform step `src`: the state an instance without one gets first. */
const DEFAULT_STEP = "src";

export interface StateTarget {
  organizationId: string;
  projectId: string;
  componentId: string;
  environmentId: string;
}

async function instanceOf(target: StateTarget) {
  const id = await repo.findInstanceOf(target.projectId, target.componentId, target.environmentId);
  const instance = id ? await repo.findStateInstance(id) : null;
  if (!instance || instance.organizationId !== target.organizationId)
    throw new AppError(
      "NOT_FOUND",
      "componentId: this component has no instance in this environment yet (configure or deploy it first)",
    );
  return instance;
}

/** The backend block that points a Terraform root module at this state. */
function backendBlock(instanceId: string, step: string): string {
  const address = stateAddress(instanceId, step);
  return [
    "terraform {",
    '  backend "http" {',
    `    address        = "${address}"`,
    `    lock_address   = "${address}"`,
    `    unlock_address = "${address}"`,
    "  }",
    "}",
  ].join("\n");
}

const lockView = (lock: repo.StateLockDto) => {
  const info = lock.info as Partial<LockInfo>;
  return {
    id: lock.lockId,
    operation: info.Operation ?? "",
    who: info.Who ?? "",
    info: info.Info ?? "",
    // Terraform always sends Created; another client may not (or not a valid time).
    created: Number.isNaN(Date.parse(info.Created ?? ""))
      ? lock.createdAt.toISOString()
      : info.Created!,
    deploymentId: lock.deploymentId,
  };
};

const withoutStep = ({ step: _, ...version }: repo.StateVersionDto & { step: string }) => version;

/** The instance's states: each step's latest version and lock, and its backend block. */
export async function listStates(target: StateTarget) {
  const id = await repo.findInstanceOf(target.projectId, target.componentId, target.environmentId);
  if (!id) return { instanceId: null, states: [] };
  const { versions, locks } = await repo.statesOf(id);
  const steps = [...new Set([...versions.map((v) => v.step), ...locks.map((l) => l.step)])].sort();
  return {
    instanceId: id,
    states: (steps.length ? steps : [DEFAULT_STEP]).map((step) => {
      const latest = versions.find((v) => v.step === step);
      const lock = locks.find((l) => l.step === step);
      return {
        step,
        address: stateAddress(id, step),
        backend: backendBlock(id, step),
        latest: latest ? withoutStep(latest) : null,
        lock: lock ? lockView(lock) : null,
      };
    }),
  };
}

export async function stateVersions(target: StateTarget, step: string) {
  const instance = await instanceOf(target);
  return repo.listVersions(instance.id, step);
}

async function versionText(instanceId: string, step: string, version: number) {
  const row = await repo.readVersionSealed(instanceId, step, version);
  if (!row) throw new AppError("NOT_FOUND", `version: this state has no version ${version}`);
  return { row, text: Buffer.from(open(row.sealed), "base64").toString("utf8") };
}

function parsed(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : null;
  } catch {
    return null;
  }
}

/** What changed from version `from` to version `to` (0: before the first version). */
export async function diffVersions(
  target: StateTarget,
  step: string,
  from: number,
  to: number,
): Promise<StateDiff> {
  const instance = await instanceOf(target);
  const load = async (v: number) =>
    v === 0 ? null : parsed((await versionText(instance.id, step, v)).text);
  return diffStates(await load(from), await load(to));
}

/** One version's text, sensitive values included: ops/owner, and recorded like a reveal. */
export async function downloadVersion(
  ctx: AuditContext,
  target: StateTarget,
  step: string,
  version: number,
) {
  const instance = await instanceOf(target);
  const { row, text } = await versionText(instance.id, step, version);
  return auditedWrite(ctx, async () => ({
    result: { filename: `${step}-v${version}.tfstate`, text },
    touched: [],
    audit: {
      organizationId: instance.organizationId,
      action: "state.downloaded",
      target: stateTarget({ instance, step }),
      after: { step, version, serial: row.serial, md5: row.md5 },
    },
  }));
}

/** Releases whatever lock the state holds (ops/owner), audited with the holder it removed. */
export async function forceUnlock(ctx: AuditContext, target: StateTarget, step: string) {
  const instance = await instanceOf(target);
  const outcome = await unlockState(ctx, { instance, step }, null, true);
  if (outcome.outcome !== "unlocked")
    throw new AppError("CONFLICT", "step: this state is not locked (nothing to unlock)");
  return { step, unlocked: true };
}
