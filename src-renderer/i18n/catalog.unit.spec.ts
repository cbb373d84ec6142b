import { describe, expect, it } from 'vitest';
import { ClinicErrorCode } from '../../shared/clinic/error-codes.js';
import { visitCommandPayloads } from '../../shared/clinic/visit/commands.js';
import { DESK_ERROR_CODES } from '../../shared/contract/error-codes.js';
import { KernelErrorCode } from '../../shared/eventsourcing/domain-error.js';
import { CATALOGS, createI18n } from './catalog.js';
import { describeError } from './describe-error.js';

const ERROR_LABELS = { ko: CATALOGS.ko.errors, en: CATALOGS.en.errors };

/** Every key of a catalog as a dotted path, plural suffixes (_one, _other) taken off. */
const keysOf = (catalog: object, prefix = ''): string[] =>
  Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );

const leavesOf = (catalog: object, prefix = ''): [string, unknown][] =>
  Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leavesOf(value as object, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );

describe('the message catalogs', () => {
  it('have the same keys in Korean and English: none missing, none extra', () => {
    const ko = [...new Set(keysOf(CATALOGS.ko))].sort();
    const en = [...new Set(keysOf(CATALOGS.en))].sort();
    expect(en.filter((key) => !ko.includes(key)), 'only in English').toEqual([]);
    expect(ko.filter((key) => !en.includes(key)), 'only in Korean').toEqual([]);
  });

  it.each(['ko', 'en'] as const)('hold no blank message in %s, and the same {{placeholders}} as the other language', (language) => {
    const other = language === 'ko' ? 'en' : 'ko';
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
    const others = new Map(leavesOf(CATALOGS[other]).map(([key, value]) => [key.replace(/_(one|other)$/, ''), value as string]));
    for (const [key, value] of leavesOf(CATALOGS[language])) {
      expect(typeof value === 'string' && value.trim().length > 0, `${language} ${key}`).toBe(true);
      const counterpart = others.get(key.replace(/_(one|other)$/, ''));
      expect(placeholders(value as string), `${language} ${key}`).toEqual(placeholders(counterpart ?? ''));
    }
  });

  it('count in each language’s own plural forms', () => {
    const ko = createI18n('ko');
    const en = createI18n('en');
    expect(ko.t('board.people', { count: 1 })).toBe('1명');
    expect(en.t('board.people', { count: 1 })).toBe('1 patient');
    expect(en.t('board.people', { count: 3 })).toBe('3 patients');
  });
});

describe('the words for every visit action', () => {
  it.each(['ko', 'en'] as const)('name every visit command the drawer can offer, in %s', (language) => {
    const offered = Object.keys(visitCommandPayloads).filter((type) => type !== 'Reserve' && type !== 'RegisterWalkIn');
    expect(Object.keys(CATALOGS[language].action).sort()).toEqual(offered.sort());
  });
});

describe('the words for every error code', () => {
  it.each(Object.keys(ERROR_LABELS))('are there in %s, for exactly the desk’s codes, none blank', (language) => {
    const labels: Readonly<Record<string, string>> = ERROR_LABELS[language as keyof typeof ERROR_LABELS];
    expect(Object.keys(labels).sort()).toEqual([...DESK_ERROR_CODES].sort());
    for (const code of DESK_ERROR_CODES) expect(labels[code]?.trim(), `${language} ${code}`).toBeTruthy();
  });

  it('come in Korean and English', () => {
    expect(Object.keys(ERROR_LABELS).sort()).toEqual(['en', 'ko']);
  });

  it('cover the kernel’s and the clinic’s codes', () => {
    for (const code of [...Object.values(KernelErrorCode), ...Object.values(ClinicErrorCode)]) {
      expect(ERROR_LABELS.ko[code], code).toBeTruthy();
      expect(ERROR_LABELS.en[code], code).toBeTruthy();
    }
  });

  it('describe a refusal in Korean unless asked, keeping the desk’s message as the detail', () => {
    const error = { code: 'PIN_LOCKED', message: 'Too many wrong PINs' } as const;
    expect(describeError(error)).toEqual({ text: ERROR_LABELS.ko.PIN_LOCKED, detail: 'PIN_LOCKED: Too many wrong PINs' });
    expect(describeError(error, 'en').text).toBe(ERROR_LABELS.en.PIN_LOCKED);
  });
});
