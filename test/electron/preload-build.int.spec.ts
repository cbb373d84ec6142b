/**
 * The preload as it ships: built by Vite into one CommonJS file, then run the way a sandboxed
 * preload runs — in its own context, with a `require` that knows only `electron` (here a fake
 * that records) — to check that it exposes exactly `window.desk.invoke` and `window.desk.onChange`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createBuilder } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/child-process.js';

let outDir: string;
let code: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-preload-'));
  const builder = await createBuilder({
    configFile: path.join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    environments: { preload: { build: { outDir } } },
  });
  const preload = builder.environments.preload;
  if (!preload) throw new Error('vite.config.ts has no preload environment');
  await builder.build(preload);
  code = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
});
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

interface FakeElectron {
  exposed: [string, unknown][];
  invoked: unknown[][];
  listeners: Map<string, ((...args: unknown[]) => void)[]>;
  required: string[];
}

/** Runs the built preload as Electron's sandbox would, with a recording electron. */
const runPreload = (): FakeElectron => {
  const fake: FakeElectron = { exposed: [], invoked: [], listeners: new Map(), required: [] };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push([key, api]) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        fake.invoked.push(args);
        return Promise.resolve({ ok: true, result: 'from main' });
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => fake.listeners.set(channel, [...(fake.listeners.get(channel) ?? []), listener]),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        fake.listeners.set(channel, (fake.listeners.get(channel) ?? []).filter((each) => each !== listener)),
    },
  };
  const module = { exports: {} };
  const sandboxedRequire = (name: string): unknown => {
    fake.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found in the sandboxed preload: ${name}`);
  };
  vm.runInNewContext(code, { require: sandboxedRequire, module, exports: module.exports }, { filename: 'preload.cjs' });
  return fake;
};

describe('the built preload (out/preload/preload.cjs)', () => {
  it('is one file whose only require is electron', () => {
    expect(fs.readdirSync(outDir)).toEqual(['preload.cjs']);
    const requires = [...code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((match) => match[2]);
    expect(requires).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(runPreload().required).toEqual(['electron']);
  });

  it('exposes exactly two functions as window.desk: invoke and onChange', () => {
    const { exposed } = runPreload();
    expect(exposed.map(([key]) => key)).toEqual(['desk']);
    const desk = exposed[0]?.[1] as Record<string, unknown>;
    expect(Object.keys(desk).sort()).toEqual(['invoke', 'onChange']);
    expect(typeof desk.invoke).toBe('function');
    expect(typeof desk.onChange).toBe('function');
  });

  it('invoke sends the method and args on the one desk:invoke channel and returns the answer', async () => {
    const fake = runPreload();
    const desk = fake.exposed[0]?.[1] as { invoke: (method: string, args: unknown) => Promise<unknown> };
    await expect(desk.invoke('staff.list', {})).resolves.toEqual({ ok: true, result: 'from main' });
    expect(fake.invoked).toEqual([['desk:invoke', 'staff.list', {}]]);
  });

  it('onChange hands the page the notice only (never the IPC event), and stops when asked', () => {
    const fake = runPreload();
    const desk = fake.exposed[0]?.[1] as { onChange: (listener: (...args: unknown[]) => void) => () => void };
    const received: unknown[][] = [];
    const stop = desk.onChange((...args) => received.push(args));
    const [forward] = fake.listeners.get('desk:change') ?? [];
    forward?.({ sender: { send: 'the IPC event must not leak' } }, { kind: 'events', position: 3 });
    expect(received).toEqual([[{ kind: 'events', position: 3 }]]);
    stop();
    expect(fake.listeners.get('desk:change')).toEqual([]);
  });
});
