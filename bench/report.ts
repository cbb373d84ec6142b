/**
 * The one table every benchmark reports into: each row is a figure, the raw baseline measured
 * beside it in the same run, their ratio where they measure the same thing, and the goal it is
 * held to. Printed as text, written as JSON (bench/results/<date>.json) and drawn as a chart.
 */
import os from 'node:os';
import Database from 'better-sqlite3';

/** A goal a figure is held to: at least or at most `target`, of the figure's value or of its ratio. */
export interface Goal {
  readonly of: 'value' | 'ratio';
  readonly atLeast?: number;
  readonly atMost?: number;
  /** How the goal reads, e.g. "≥ 0.5 of raw", "p99 < 5 ms". */
  readonly text: string;
}

export interface Figure {
  readonly value: number;
  readonly unit: string;
  /** More of the figure, e.g. "p50 0.41 ms, p99 1.2 ms". */
  readonly detail?: string;
}

export interface Row {
  /** The issue's goal number (1–9), or 0 for a figure kept from an earlier issue. */
  readonly goal: number;
  readonly name: string;
  readonly figure: Figure;
  readonly baseline?: Figure & { readonly name: string };
  /** figure / baseline, where both are rates or both are times. */
  readonly ratio?: number;
  readonly target?: Goal;
  readonly note?: string;
}

export const met = (row: Row): boolean | null => {
  const { target } = row;
  if (!target) return null;
  const value = target.of === 'ratio' ? row.ratio : row.figure.value;
  if (value === undefined || Number.isNaN(value)) return null;
  if (target.atLeast !== undefined && value < target.atLeast) return false;
  if (target.atMost !== undefined && value > target.atMost) return false;
  return true;
};

/** How far a figure is towards its goal: 1 is exactly met, above 1 beyond it. */
export const reach = (row: Row): number | null => {
  const { target } = row;
  if (!target) return null;
  const value = target.of === 'ratio' ? row.ratio : row.figure.value;
  if (value === undefined || Number.isNaN(value) || value <= 0) return null;
  if (target.atLeast !== undefined) return value / target.atLeast;
  if (target.atMost !== undefined) return target.atMost / value;
  return null;
};

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly platform: string;
  readonly node: string;
  readonly sqlite: string;
  readonly loadAverage: readonly number[];
}

export const machine = (): Machine => {
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
};

export const loadAverage = (): string => os.loadavg().map((value) => value.toFixed(2)).join(' ');

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A number as the table shows it: grouped when large, two or three significant places when small. */
export const show = (value: number): string => {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return grouped.format(value);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(2);
};

export const showFigure = (figure: Figure): string => `${show(figure.value)} ${figure.unit}`;

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));

/** The table as text: one line per row, the detail and baseline under it. */
export const formatTable = (rows: readonly Row[]): string => {
  const lines: string[] = [];
  lines.push(`${pad('#', 3)}${pad('figure', 58)}${pad('value', 24)}${pad('baseline', 26)}${pad('ratio', 8)}goal`);
  for (const row of rows) {
    const verdict = met(row);
    const goal = row.target ? `${row.target.text}: ${verdict === null ? '—' : verdict ? 'met' : 'NOT met'}` : '';
    lines.push(
      `${pad(row.goal > 0 ? String(row.goal) : '·', 3)}${pad(row.name, 58)}${pad(showFigure(row.figure), 24)}${pad(row.baseline ? showFigure(row.baseline) : '', 26)}${pad(
        row.ratio === undefined ? '' : row.ratio.toFixed(2),
        8,
      )}${goal}`,
    );
    const under = [row.figure.detail, row.baseline ? `baseline: ${row.baseline.name}${row.baseline.detail ? ` (${row.baseline.detail})` : ''}` : undefined, row.note]
      .filter(Boolean)
      .join('; ');
    if (under) lines.push(`   ${' '.repeat(2)}${under}`);
  }
  return lines.join('\n');
};

/** A latency summary of samples in milliseconds. */
export const latencies = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? Number.NaN, mean: total / Math.max(1, sorted.length), total };
};

export const ms = (value: number): string => `${value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
