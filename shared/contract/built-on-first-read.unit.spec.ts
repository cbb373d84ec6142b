import { describe, expect, it } from 'vitest';
import { visitCommandPayloads } from '../clinic/visit/commands.js';
import { builtOnFirstRead, buildersOf } from './built-on-first-read.js';
import { DESK_METHODS, deskRpcArgs, EXECUTABLE_COMMAND_TYPES, isDeskMethod, isExecutableCommandType } from './desk-rpc.js';

const countingTable = () => {
  const built: string[] = [];
  const table = builtOnFirstRead({
    a: () => (built.push('a'), { name: 'a' }),
    b: () => (built.push('b'), { name: 'b' }),
  });
  return { built, table };
};

const unbuilt = (table: object): string[] => Object.keys(table).filter((key) => Object.getOwnPropertyDescriptor(table, key)?.get !== undefined);

describe('builtOnFirstRead', () => {
  it('given a table, when nothing is read, then nothing is built and its keys are known', () => {
    const { built, table } = countingTable();
    expect(Object.keys(table)).toEqual(['a', 'b']);
    expect(Object.hasOwn(table, 'b')).toBe(true);
    expect('c' in table).toBe(false);
    expect(built).toEqual([]);
  });

  it('given a table, when an entry is read twice, then only that entry is built, once, and the same value comes back', () => {
    const { built, table } = countingTable();
    const first = table.a;
    expect(table.a).toBe(first);
    expect(first).toEqual({ name: 'a' });
    expect(built).toEqual(['a']);
  });

  it('given a built entry, when it is assigned, then it stays what was built', () => {
    const { table } = countingTable();
    const first = table.b;
    expect(() => Object.assign(table, { b: { name: 'other' } })).toThrow(TypeError);
    expect(table.b).toBe(first);
  });

  it('given another table, when buildersOf takes it over, then nothing is built until the new table is read', () => {
    const { built, table } = countingTable();
    const wider = builtOnFirstRead({ ...buildersOf(table), c: () => ({ name: 'c' }) });
    expect(Object.keys(wider)).toEqual(['a', 'b', 'c']);
    expect(built).toEqual([]);
    expect(wider.b).toBe(table.b);
    expect(built).toEqual(['b']);
  });
});

describe('the desk contract, freshly imported', () => {
  it('has built no method arguments and no command payload yet, and knows every name', () => {
    expect(unbuilt(deskRpcArgs)).toEqual(DESK_METHODS);
    expect(unbuilt(visitCommandPayloads)).toEqual(Object.keys(visitCommandPayloads));
    expect(isDeskMethod('board.day')).toBe(true);
    expect(isExecutableCommandType('Reserve')).toBe(true);
    expect(EXECUTABLE_COMMAND_TYPES).toContain('ConfigureClinic');
  });

  it('builds a method’s arguments on its first read, and they parse', () => {
    expect(deskRpcArgs['board.day'].safeParse({ date: '2026-12-01' }).success).toBe(true);
    expect(unbuilt(deskRpcArgs)).not.toContain('board.day');
    expect(unbuilt(deskRpcArgs)).toContain('command.execute');
  });
});
