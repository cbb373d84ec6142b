/**
 * Collects JSON log lines (pino) from a server, in process or from a child's stderr, and lets a
 * test await a line: the way tests know that a pull is waiting or a request is in flight, without
 * sleeping.
 */
export type LogLine = Record<string, unknown> & { readonly msg?: string; readonly reqId?: string; readonly level?: number };

export class LogLines {
  readonly lines: LogLine[] = [];
  private buffered = '';
  private readonly waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();

  /** A pino destination for an in-process server. */
  readonly destination = { write: (chunk: string) => this.feed(chunk) };

  feed(chunk: string): void {
    this.buffered += chunk;
    const parts = this.buffered.split('\n');
    this.buffered = parts.pop() ?? '';
    for (const text of parts) {
      if (text.trim() === '') continue;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      this.lines.push(line);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(line)) {
          this.waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  }

  /** Resolves with the first line (already seen or still to come) that matches. */
  waitFor(match: (line: LogLine) => boolean): Promise<LogLine> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.add({ match, resolve }));
  }

  /** Resolves once `count` matching lines have been logged. */
  async waitForCount(match: (line: LogLine) => boolean, count: number): Promise<void> {
    while (this.lines.filter(match).length < count) {
      const before = this.lines.length;
      await this.waitFor((line) => match(line) && this.lines.indexOf(line) >= before);
    }
  }

  count(match: (line: LogLine) => boolean): number {
    return this.lines.filter(match).length;
  }
}

export const isMessage =
  (msg: string, fields: Record<string, unknown> = {}) =>
  (line: LogLine): boolean =>
    line.msg === msg && Object.entries(fields).every(([key, value]) => line[key] === value);
