import { describe, expect, it } from 'vitest';
import { ClinicErrorCode } from '../../shared/clinic/error-codes.js';
import { DESK_ERROR_CODES } from '../../shared/contract/error-codes.js';
import { KernelErrorCode } from '../../shared/eventsourcing/domain-error.js';
import { ERROR_LABELS } from './error-labels.js';
import { describeError } from './labels.js';

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
