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
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { launchChromium } from '../test/support/chromium.js';

const VISITS = 300;
const WARM_UP = 3;
const ROUNDS = 25;
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

const row = (label: string, values: readonly number[], goal?: number): string =>
  `  ${label.padEnd(58)} p50 ${percentile(values, 50).toFixed(2).padStart(7)} ms   p90 ${percentile(values, 90).toFixed(2).padStart(7)} ms${
    goal === undefined ? '' : `   goal < ${goal} ms: ${percentile(values, 50) < goal ? 'met' : 'NOT met'}`
  }`;

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

export const runBoardBench = async (): Promise<void> => {
  console.log(`\nDay board in Chromium: ${VISITS} visits, ${ROUNDS} rounds after ${WARM_UP} warm-up; React app vs plain DOM nodes, same page and run`);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-board-'));
  await build({ configFile: false, root: PAGE_DIR, base: './', plugins: [react()], logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5_000 } });
  const server = await serve(outDir);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction('typeof window.runBoardBench === "function"');
    const rounds: Round[] = [];
    for (let i = 0; i < WARM_UP + ROUNDS; i++) {
      const round = await page.evaluate<Round>(`window.runBoardBench(${VISITS})`);
      if (i >= WARM_UP) rounds.push(round);
    }
    if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join('; ')}`);
    console.log(row(`raw: ${VISITS} plain DOM cards inserted and laid out`, rounds.map((r) => r.rawFirstMs)));
    console.log(row(`desk: first render of the day board (${VISITS} visits)`, rounds.map((r) => r.reactFirstMs), 100));
    console.log(row('raw: one card moved to another column and laid out', rounds.map((r) => r.rawEventMs)));
    console.log(row('desk: one remote event applied (notice → re-read → moved)', rounds.map((r) => r.reactEventMs), 16));
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
};
