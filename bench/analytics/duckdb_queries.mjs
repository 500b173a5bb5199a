// bench/analytics/duckdb_queries.mjs: the bench's two queries in DuckDB (@duckdb/node-api, in memory) and in
// SQLite (the sqlite3 command-line shell, on a table imported from the same CSV), for bench/analytics/run.
//
//   node duckdb_queries.mjs --csv PATH --from 2025-10-01 --to 2026-09-30 --units 3,25,26 [--attribute segment]
//        [--runs 50] [--engine duckdb|sqlite|both] [--sqlite-db PATH] [--sqlite-runs 3] [--threads N]
//
// overview  histogram per month and score value of the nps items of the given units (a region with its
//           shops, expanded by klantstem's own ParseQuery), --from … --to
// groupby   histogram per value of the customer attribute --attribute (segment, tier or region), same days
// NPS (promoters 9–10 minus detractors 0–6, per 100) is computed from the counts in JavaScript.
//
// Prints, per engine and query, one line
//   RESULT engine=duckdb query=overview runs=50 median_ms=… p90_ms=… min_ms=… cpu_median_ms=… n=… nps=… groups=…
// (cpu: CPU time of the engine, all its threads: DuckDB's from process.cpuUsage(), SQLite's from .timer)
// and the canonical histograms (groups with items, sorted by key, '-' for no value, as analytics_bench
// prints them):  GROUPS engine=duckdb query=overview 2025-10:h0,…,h10|2025-11:…
// DuckDB runs twice: with its default threads (all cores; engine=duckdb) and with one (engine=duckdb1).
// The SQLite database is created from the CSV when --sqlite-db does not exist yet. Exit status 2 on bad
// usage or a failed set-up. Node 18 or later.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';

const args = {
  csv: '', from: '', to: '', units: '', attribute: 'segment', runs: '50', engine: 'both',
  'sqlite-db': '', 'sqlite-runs': '3', threads: '',
};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const eq = a.indexOf('=');
  const name = a.startsWith('--') ? (eq > 0 ? a.slice(2, eq) : a.slice(2)) : '';
  if (!(name in args)) fail(`unknown argument ${a}`);
  args[name] = eq > 0 ? a.slice(eq + 1) : process.argv[++i] ?? '';
}

function fail(message) {
  console.error(`duckdb_queries.mjs: ${message}`);
  process.exit(2);
}

const date = /^\d{4}-\d{2}-\d{2}$/;
if (!args.csv || !existsSync(args.csv)) fail('--csv must name the CSV that analytics_bench generate wrote');
if (!date.test(args.from) || !date.test(args.to)) fail('--from and --to must be dates like 2025-10-01');
if (!/^\d+(,\d+)*$/.test(args.units)) fail('--units must be unit ids like 3,25,26');
if (!['segment', 'tier', 'region'].includes(args.attribute)) fail('--attribute must be segment, tier or region');
if (!['duckdb', 'sqlite', 'both'].includes(args.engine)) fail('--engine must be duckdb, sqlite or both');
const runs = Number(args.runs);
const sqliteRuns = Number(args['sqlite-runs']);
if (!(runs >= 1) || !(sqliteRuns >= 1)) fail('--runs and --sqlite-runs must be at least 1');

// The same SQL for both engines: `day` is a DATE in DuckDB and ISO text in SQLite; both compare with the
// quoted ISO dates.
const queries = {
  overview: `SELECT month AS key, score, COUNT(*) AS n FROM feedback
             WHERE day BETWEEN '${args.from}' AND '${args.to}' AND unit_id IN (${args.units}) AND scale = 'nps'
             GROUP BY month, score`,
  groupby: `SELECT COALESCE(${args.attribute}, '') AS key, score, COUNT(*) AS n FROM feedback
            WHERE day BETWEEN '${args.from}' AND '${args.to}' AND scale = 'nps'
            GROUP BY 1, 2`,
};

// rows: [key, score, count] → { n, nps, groups, canonical }
function summarise(rows) {
  const groups = new Map();
  let n = 0, promoters = 0, detractors = 0;
  for (const [key, score, count] of rows) {
    const k = key === null || key === '' ? '-' : String(key);
    const s = Number(score), c = Number(count);
    if (!groups.has(k)) groups.set(k, new Array(11).fill(0));
    groups.get(k)[s] += c;
    n += c;
    if (s >= 9) promoters += c;
    else if (s <= 6) detractors += c;
  }
  const keys = [...groups.keys()].sort();
  const canonical = keys.map((k) => `${k}:${groups.get(k).join(',')}`).join('|');
  const nps = n > 0 ? (100 * (promoters - detractors)) / n : 0;
  return { n, nps, groups: keys.length, canonical };
}

function timing(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const m = s.length;
  const median = m % 2 === 1 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
  return { median, p90: s[Math.min(m - 1, Math.ceil(0.9 * m) - 1)], min: s[0] };
}

// ms: wall-clock milliseconds per run; cpu: CPU milliseconds per run (all threads of the engine).
function report(engine, query, ms, cpu, result) {
  const t = timing(ms);
  console.log(
    `RESULT engine=${engine} query=${query} runs=${ms.length} median_ms=${t.median.toFixed(3)} ` +
      `p90_ms=${t.p90.toFixed(3)} min_ms=${t.min.toFixed(3)} cpu_median_ms=${timing(cpu).median.toFixed(3)} ` +
      `n=${result.n} nps=${result.nps.toFixed(2)} groups=${result.groups}`,
  );
  console.log(`GROUPS engine=${engine} query=${query} ${result.canonical}`);
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function duckdb() {
  let api;
  try {
    api = await import('@duckdb/node-api');
  } catch (e) {
    fail(`@duckdb/node-api is not installed (cd bench/analytics && npm ci): ${e.message}`);
  }
  const options = args.threads ? { threads: String(args.threads) } : {};
  const instance = await api.DuckDBInstance.create(':memory:', options);
  const connection = await instance.connect();
  const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];
  const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
  const started = now();
  const csv = args.csv.replaceAll("'", "''");
  await connection.run(`CREATE TABLE feedback AS SELECT * FROM read_csv('${csv}', header = true, columns = {
      'id': 'BIGINT', 'day': 'DATE', 'month': 'VARCHAR', 'source': 'VARCHAR', 'channel': 'VARCHAR',
      'language': 'VARCHAR', 'brand': 'VARCHAR', 'unit_id': 'BIGINT', 'scale': 'VARCHAR', 'score': 'BIGINT',
      'sentiment': 'DOUBLE', 'segment': 'VARCHAR', 'tier': 'VARCHAR', 'region': 'VARCHAR'})`);
  const loadSeconds = (now() - started) / 1000;
  const count = (await connection.runAndReadAll('SELECT COUNT(*) FROM feedback')).getRows()[0][0];
  console.log(`DUCKDB version=${version} threads=${threads} rows=${count} csv_load_s=${loadSeconds.toFixed(2)}`);

  for (const [engine, setting] of [['duckdb', null], ['duckdb1', 1]]) {
    if (setting !== null) await connection.run(`SET threads = ${setting}`);
    for (const [name, sql] of Object.entries(queries)) {
      const statement = await connection.prepare(sql);
      let result;
      const ms = [], cpu = [];
      for (let run = 0; run <= runs; run++) {  // run 0 warms up
        const t = now(), c = process.cpuUsage();
        const reader = await statement.runAndReadAll();
        result = summarise(reader.getRows());
        const used = process.cpuUsage(c);  // this process: DuckDB's worker threads and Node's
        if (run > 0) {
          ms.push(now() - t);
          cpu.push((used.user + used.system) / 1000);
        }
      }
      report(engine, name, ms, cpu, result);
    }
  }
  connection.closeSync?.();
}

function sqlite3(database, script) {
  const r = spawnSync('sqlite3', ['-batch', database], { input: script, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) fail(`cannot run sqlite3 (apt-get install sqlite3): ${r.error.message}`);
  if (r.status !== 0) fail(`sqlite3 failed: ${r.stderr.trim().slice(0, 500)}`);
  return r.stdout;
}

function sqlite() {
  const database = args['sqlite-db'];
  if (!database) fail('--sqlite-db is needed for the SQLite run');
  const version = sqlite3(':memory:', 'SELECT sqlite_version();').trim();
  if (!existsSync(database)) {
    const started = now();
    const partial = `${database}.partial`;
    rmSync(partial, { force: true });
    const csv = args.csv.replaceAll('"', '""');
    sqlite3(partial, `PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE feedback (id INTEGER PRIMARY KEY, day TEXT, month TEXT, source TEXT, channel TEXT, language TEXT,
  brand TEXT, unit_id INTEGER, scale TEXT, score INTEGER, sentiment REAL, segment TEXT, tier TEXT, region TEXT);
.import --csv --skip 1 "${csv}" feedback
`);
    renameSync(partial, database);
    console.error(`duckdb_queries.mjs: SQLite table imported from the CSV in ${((now() - started) / 1000).toFixed(1)} s`);
  }
  // A cache large enough to hold the table (2 GB), so runs after the first read no file pages.
  let script = '.mode list\n.separator |\n.headers off\nPRAGMA cache_size = -2000000;\n';
  const names = Object.keys(queries);
  for (const name of names) {
    script += `SELECT '#query ${name}';\n.timer on\n`;
    for (let run = 0; run <= sqliteRuns; run++) script += `${queries[name].replace(/\s+/g, ' ')};\n`;
    script += '.timer off\n';
  }
  const output = sqlite3(database, script);
  let current = null;
  const per = {};
  for (const line of output.split('\n')) {
    if (line.startsWith('#query ')) {
      current = line.slice(7);
      per[current] = { ms: [], cpu: [], rows: [] };
    } else if (line.startsWith('Run Time: real ')) {
      const f = line.split(/\s+/);  // Run Time: real 0.134 user 0.120000 sys 0.010000
      per[current].ms.push(1000 * Number(f[3]));
      per[current].cpu.push(1000 * (Number(f[5]) + Number(f[7])));
      per[current].done = per[current].rows;
      per[current].rows = [];
    } else if (line !== '' && current !== null) {
      const [key, score, count] = line.split('|');
      per[current].rows.push([key, score, count]);
    }
  }
  console.log(`SQLITE version=${version}`);
  for (const name of names) {
    const p = per[name];
    if (!p || p.ms.length !== sqliteRuns + 1) fail(`could not read the SQLite timings of ${name}`);
    report('sqlite', name, p.ms.slice(1), p.cpu.slice(1), summarise(p.done));
  }
}

if (args.engine !== 'sqlite') await duckdb();
if (args.engine !== 'duckdb') sqlite();
