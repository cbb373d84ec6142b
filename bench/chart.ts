/**
 * The chart beside the README: every figure that has a goal, as how far it got towards it (1 =
 * exactly the goal; a ratio goal as ratio / goal, a "less than" goal as goal / figure), drawn as
 * HTML and photographed by Debian's chromium through playwright-core.
 *
 *   npm run bench:chart [-- <results.json> [<out.png>]]   (default: the newest full run's JSON)
 *
 * `npm run bench` (a full run of every benchmark) draws it itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../test/support/chromium.js';
import { met, reach, show, type Machine, type Row } from './report.js';

export interface Results {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: Machine;
  readonly data: { readonly events: number; readonly seed: number; readonly scale: { readonly days: number } };
  readonly rows: readonly Row[];
}

const REPO = path.resolve(import.meta.dirname, '..');
export const CHART_FILE = path.join(REPO, 'docs', 'benchmark-goals.png');

const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** Reach is drawn on a log scale from 1/10 to 10 times the goal; the goal is the middle line. */
const position = (value: number) => Math.min(100, Math.max(0, ((Math.log10(value) + 1) / 2) * 100));

export const chartHtml = (results: Results): string => {
  const rows = results.rows.filter((row) => row.target);
  const lines = rows
    .map((row) => {
      const toward = reach(row);
      const verdict = met(row);
      const value = row.target?.of === 'ratio' ? `${row.ratio?.toFixed(2) ?? '—'} of raw (${show(row.figure.value)} ${row.figure.unit})` : `${show(row.figure.value)} ${row.figure.unit}`;
      const width = toward === null ? 0 : position(toward);
      return `<div class="row">
        <div class="name"><span class="goal">${row.goal > 0 ? `#${row.goal}` : '·'}</span> ${escape(row.name)}</div>
        <div class="track"><div class="bar ${verdict ? 'met' : 'missed'}" style="width:${width.toFixed(1)}%"></div><div class="line"></div></div>
        <div class="value">${escape(value)} <span class="${verdict ? 'ok' : 'no'}">${escape(row.target?.text ?? '')} ${verdict ? '✓' : '✗'}</span></div>
      </div>`;
    })
    .join('\n');
  const { machine } = results;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { font: 13px/1.35 system-ui, 'Noto Sans CJK KR', sans-serif; margin: 18px; color: #1d2330; background: #fff; width: 1180px; }
    h1 { font-size: 17px; margin: 0 0 4px; } .sub { color: #5b6475; margin-bottom: 12px; }
    .row { display: grid; grid-template-columns: 430px 300px 430px; gap: 10px; align-items: center; padding: 3px 0; border-bottom: 1px solid #eef0f4; }
    .goal { color: #5b6475; display: inline-block; width: 22px; } .track { position: relative; height: 14px; background: #f3f4f7; border-radius: 3px; }
    .bar { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 3px; } .met { background: #3a9d5d; } .missed { background: #d9534f; }
    .line { position: absolute; left: 50%; top: -3px; bottom: -3px; border-left: 2px solid #1d2330; }
    .ok { color: #2c7a47; } .no { color: #b52b27; } .axis { display: grid; grid-template-columns: 430px 300px 430px; gap: 10px; color: #5b6475; font-size: 11px; }
    .ticks { display: flex; justify-content: space-between; }
  </style></head><body>
    <h1>clinic-desk: figures against their goals (issue 14)</h1>
    <div class="sub">${escape(results.date.slice(0, 10))} · ${results.data.events.toLocaleString('en-US')} events (seed ${results.data.seed}, ${results.data.scale.days} days) · ${escape(machine.cpu)}, ${machine.cores} cores, ${machine.memoryGiB} GiB · Node ${escape(machine.node)}, SQLite ${escape(machine.sqlite)} · load average ${machine.loadAverage.join(' ')} at the start${results.quick ? ' · --quick' : ''}</div>
    <div class="axis"><div></div><div class="ticks"><span>0.1× goal</span><span>goal</span><span>10×</span></div><div></div></div>
    ${lines}
  </body></html>`;
};

export const drawChart = async (results: Results, out = CHART_FILE): Promise<string> => {
  const html = path.join(path.dirname(out), `.${path.basename(out)}.html`);
  fs.writeFileSync(html, chartHtml(results));
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1220, height: 100 });
    await page.goto(pathToFileURL(html).toString());
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
    fs.rmSync(html, { force: true });
  }
  return out;
};

/** The newest results file of a full run. */
export const newestResults = (): string => {
  const dir = path.join(import.meta.dirname, 'results');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => /^\d{4}-\d{2}-\d{2}\.json$/.test(file)).sort() : [];
  const newest = files.at(-1);
  if (!newest) throw new Error('No full results in bench/results (npm run bench writes them)');
  return path.join(dir, newest);
};

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [input, output] = process.argv.slice(2);
  const file = input ?? newestResults();
  const written = await drawChart(JSON.parse(fs.readFileSync(file, 'utf8')) as Results, output ? path.resolve(output) : CHART_FILE);
  console.log(`chart of ${path.relative(process.cwd(), file)}: ${path.relative(process.cwd(), written)}`);
}
