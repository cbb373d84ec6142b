import { describe, expect, it } from 'vitest';
import { initialsOf, isInitialsQuery } from './hangul.js';

describe('Korean initial consonants', () => {
  it.each([
    ['김민수', 'ㄱㅁㅅ'],
    ['가', 'ㄱ'],
    ['힣', 'ㅎ'],
    ['까치', 'ㄲㅊ'],
    ['뽀로로', 'ㅃㄹㄹ'],
    ['이 영희', 'ㅇ ㅇㅎ'],
    ['Kim 민수', 'Kim ㅁㅅ'],
    ['', ''],
  ])('%s → %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('leaves jamo, Latin, digits and emoji alone', () => {
    expect(initialsOf('ㄱㅏ A1 😀')).toBe('ㄱㅏ A1 😀');
  });

  it('tells an initials query from a name', () => {
    expect(isInitialsQuery('ㄱㅁㅅ')).toBe(true);
    expect(isInitialsQuery('ㄲ')).toBe(true);
    expect(isInitialsQuery('김ㅁㅅ')).toBe(false);
    expect(isInitialsQuery('ㅏ')).toBe(false);
    expect(isInitialsQuery('')).toBe(false);
  });
});
