// The baseline of `npm run bench -- deploy`: a bare pg-boss 10 worker process with the runner's
// queue settings (BENCH_LOOPS work loops, batch size 1, the same polling interval) on a queue
// of its own. Each handler prints how long after it was sent its job started: `rt <ms>`.
import PgBoss from "pg-boss";

const QUEUE = "bench-roundtrip";

async function main() {
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL,
    schema: "pgboss",
    max: 4,
    supervise: true,
  });
  boss.on("error", (error) => console.error(String(error)));
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 0 });
  const loops = Number(process.env.BENCH_LOOPS ?? 4);
  const pollingIntervalSeconds = Number(process.env.BENCH_POLLING_SECONDS ?? 0.5);
  for (let i = 0; i < loops; i += 1)
    await boss.work<{ sentAt: number }>(
      QUEUE,
      { batchSize: 1, pollingIntervalSeconds },
      async ([job]) => {
        if (job) console.log(`rt ${Date.now() - job.data.sentAt}`);
      },
    );
  console.log("pg-boss worker is taking runs");
  process.on("SIGTERM", () => {
    void boss.stop({ graceful: false, wait: true }).finally(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
