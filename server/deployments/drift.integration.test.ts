// The drift schedule: who may set it, what a bad one is told, and the tick that queues checks
// exactly once when two processes tick at the same minute.
import { expect, it } from "vitest";
import { forEachDatabase, ONE_DATABASE, snapshot, type Harness } from "@/test/integration";
import { deployableTarget } from "@/test/mutation-targets";
import { driftTick } from "../runner/drift-schedule";

forEachDatabase(
  "drift schedule",
  (h: Harness) => {
    async function staging() {
      const project = await h.db().prisma.project.findFirstOrThrow({
        where: { slug: "ecommerce-api" },
        select: { id: true, environments: { where: { slug: "staging" }, select: { id: true } } },
      });
      return { projectId: project.id, environmentId: project.environments[0]!.id };
    }

    it("is refused to a developer and a bad cron names the field and the rule; nothing changes", async () => {
      const target = await staging();
      const before = await snapshot(h.db());
      const dev = await h.as("dev@acme.test");
      await expect(
        dev.environment.setDriftSchedule({ ...target, cron: "0 * * * *" }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      const ops = await h.as("ops@acme.test");
      const refused = ops.environment.setDriftSchedule({ ...target, cron: "every hour" });
      await expect(refused).rejects.toThrow(/^cron: must be a cron expression of 5 fields/);
      await expect(refused).rejects.toMatchObject({
        cause: { details: { fields: { cron: [expect.stringMatching(/5 fields/)] } } },
      });
      await expect(
        ops.environment.setDriftSchedule({ ...target, cron: "61 * * * *" }),
      ).rejects.toThrow(/^cron: must be a valid cron expression/);
      expect(await snapshot(h.db())).toEqual(before);
      // A denial may be audited (outcome "denied"); no change was.
      const changed = await h.db().prisma.auditEvent.count({
        where: { action: "environment.drift_schedule_set", outcome: "success" },
      });
      expect(changed).toBe(0);
    });

    it("ticks once per due time, even when two processes tick at once", async () => {
      const target = await staging();
      const ops = await h.as("ops@acme.test");
      await ops.environment.setDriftSchedule({ ...target, cron: "*/5 * * * *" });
      const due = new Date("2031-01-01T10:05:00Z");
      await h.db().prisma.environment.update({
        where: { id: target.environmentId },
        data: { driftTickAt: new Date("2031-01-01T10:01:00Z") },
      });
      const ticks = await Promise.all([driftTick(due), driftTick(due)]);
      expect(ticks.reduce((a, b) => a + b, 0)).toBe(1);
      const queued = await h.db().prisma.auditEvent.count({
        where: { action: "deployment.drift_check_requested", environmentId: target.environmentId },
      });
      expect(queued).toBe(1);
      // Not due again until the next time the cron fires.
      expect(await driftTick(new Date("2031-01-01T10:09:00Z"))).toBe(0);
      expect(await driftTick(new Date("2031-01-01T10:10:00Z"))).toBe(1);
      await ops.environment.setDriftSchedule({ ...target, cron: null });
      expect(await driftTick(new Date("2031-01-01T10:15:00Z"))).toBe(0);
    });

    it("a queued drift check gives way to a person's request; a queued apply does not", async () => {
      const target = await deployableTarget(h);
      const prisma = h.db().prisma;
      const { id: instanceId } = await prisma.instance.findFirstOrThrow({
        where: { componentId: target.componentId, environmentId: target.environmentId },
        select: { id: true },
      });
      const check = await prisma.deployment.create({
        data: { instanceId, environmentId: target.environmentId, action: "drift" },
        select: { id: true },
      });
      const dev = await h.as("dev@acme.test");
      const plan = await dev.deployment.request({ ...target, action: "plan", message: "" });
      expect(plan.status).toBe("queued");
      expect(
        await prisma.deployment.findUniqueOrThrow({
          where: { id: check.id },
          select: { status: true, reason: true },
        }),
      ).toEqual({ status: "aborted", reason: "gave way to a plan requested before it started" });
      // The plan now holds the instance: a second request is refused and writes nothing.
      const before = await snapshot(h.db());
      await expect(
        dev.deployment.request({ ...target, action: "plan", message: "" }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      expect(await snapshot(h.db())).toEqual(before);
    });
  },
  ONE_DATABASE,
);
