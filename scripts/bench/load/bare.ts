// The floor an edit is compared with: a bare `UPDATE … WHERE id = $1` round trip with the
// `pg` package on the same database, one row and one connection per editor, the same number
// of editors looping for the same time.
import pg from "pg";

const TABLE = "bench_load_bare";

/** Latencies (ms) of every UPDATE `editors` connections made back to back until `seconds` end. */
export async function bareUpdates(url: string, editors: number, seconds: number) {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await setup.query(`CREATE TABLE ${TABLE} (id integer PRIMARY KEY, v bigint NOT NULL)`);
    await setup.query(
      `INSERT INTO ${TABLE} SELECT i, 0 FROM generate_series(0, ${editors - 1}) AS i`,
    );
  } finally {
    await setup.end();
  }
  const clients = Array.from({ length: editors }, () => new pg.Client({ connectionString: url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    const deadline = performance.now() + seconds * 1000;
    const perEditor = await Promise.all(
      clients.map(async (client, id) => {
        const latencies: number[] = [];
        while (performance.now() < deadline) {
          const started = performance.now();
          await client.query(`UPDATE ${TABLE} SET v = v + 1 WHERE id = $1`, [id]);
          latencies.push(performance.now() - started);
        }
        return latencies;
      }),
    );
    return perEditor.flat();
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
