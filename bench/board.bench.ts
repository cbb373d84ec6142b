/**
 * The day board in Chromium: 300 visits, time to first render (the app mounted, the board read
 * through the Bridge, every card in the DOM and laid out) and time to apply one remote event
 * (a change notice → the board re-read → the card in its new column, laid out), beside a raw
 * baseline in the same page and run: the same cards as plain DOM nodes inserted, and one moved,
 * without React. Goals: < 100 ms and < 16 ms (one frame).
 *
 * The page is src-renderer/testing/board-bench/, built with Vite and served on 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { buildPage } from './children/bundle.js';
import type { Bench } from './context.js';
import { ms, type Row } from './report.js';

const VISITS = 300;
const WARM_UP = 3;
const ROUNDS = 25;
/** --quick: 12 rounds, still a p50 and a p90 (the 11th of 12) of each figure and its baseline. */
const QUICK_ROUNDS = 12;
const PAGE_DIR = path.resolve(import.meta.dirname, '..', 'src-renderer', 'testing', 'board-bench');
const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff' };

interface Round {
  reactFirstMs: number;
  reactEventMs: number;
  rawFirstMs: number;
  rawEventMs: number;
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** A desk figure (p50, p90 in its detail) beside the plain-DOM baseline of the same rounds. */
const row = (name: string, desk: readonly number[], baselineName: string, raw: readonly number[], goalMs: number): Row => {
  const figure = percentile(desk, 50);
  const baseline = percentile(raw, 50);
  return {
    goal: 0,
    name,
    figure: { value: figure, unit: 'ms', detail: `p50; p90 ${ms(percentile(desk, 90))}` },
    baseline: { name: baselineName, value: baseline, unit: 'ms' },
    ratio: baseline / figure,
    target: { of: 'value', atMost: goalMs, text: `p50 < ${goalMs} ms` },
  };
};

const serve = (root: string): Promise<{ url: string; close: () => Promise<void> }> =>
  new Promise((resolve) => {
    const server = http.createServer((request, response) => {
      const file = path.join(root, path.normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '') || 'index.html');
      if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(response);
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${address.port}/index.html`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });

export const boardBench: Bench = async (context) => {
  const rounds = context.quick ? QUICK_ROUNDS : ROUNDS;
  context.log(`  day board in Chromium: ${VISITS} visits, ${rounds} rounds after ${WARM_UP} warm-up; React app vs plain DOM nodes, same page and run`);
  // Chromium starts (its own processes) while Vite builds the page (when its sources changed); nothing is timed until both are done
  // playwright loads here, not when the run starts: beside the memory benchmark's busy day
  const { launchChromium } = await import('../test/support/chromium.js');
  const launching = launchChromium();
  let browser: Awaited<typeof launching> | undefined;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  try {
    server = await serve(await buildPage('board-page', PAGE_DIR, async () => ({ base: './', plugins: [(await import('@vitejs/plugin-react')).default()], logLevel: 'warn' }), [import.meta.filename]));
    browser = await launching;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction('typeof window.runBoardBench === "function"');
    await context.untimedDone();
    const measured: Round[] = [];
    for (let i = 0; i < WARM_UP + rounds; i++) {
      const round = await page.evaluate<Round>(`window.runBoardBench(${VISITS})`);
      if (i >= WARM_UP) measured.push(round);
    }
    if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join('; ')}`);
    return [
      row(`day board first render in Chromium (${VISITS} visits)`, measured.map((r) => r.reactFirstMs), `${VISITS} plain DOM cards inserted and laid out`, measured.map((r) => r.rawFirstMs), 100),
      row('day board applies one remote event (notice → re-read → moved)', measured.map((r) => r.reactEventMs), 'one plain DOM card moved and laid out', measured.map((r) => r.rawEventMs), 16),
    ];
  } finally {
    await (browser ?? (await launching.catch(() => undefined)))?.close();
    await server?.close();
  }
};
