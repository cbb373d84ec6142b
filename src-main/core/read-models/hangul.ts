/**
 * Korean initial-consonant (초성) search: staff type ㄱㅁㅅ to find 김민수. A precomposed Hangul
 * syllable U+AC00–U+D7A3 encodes (initial × 21 + medial) × 28 + final, so its initial consonant
 * is floor((code − 0xAC00) / 588), an index into the 19 initials below (compatibility jamo, the
 * characters a Korean keyboard types).
 */
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const FIRST_SYLLABLE = 0xac00;
const LAST_SYLLABLE = 0xd7a3;
const SYLLABLES_PER_INITIAL = 588;

/** The initial consonant of each Hangul syllable; other characters are kept as they are. */
export const initialsOf = (text: string): string =>
  Array.from(text, (char) => {
    const code = char.codePointAt(0) ?? 0;
    if (code < FIRST_SYLLABLE || code > LAST_SYLLABLE) return char;
    return INITIALS[Math.floor((code - FIRST_SYLLABLE) / SYLLABLES_PER_INITIAL)] ?? char;
  }).join('');

/** True when every character is an initial consonant: the query means "search by initials". */
export const isInitialsQuery = (query: string): boolean =>
  query.length > 0 && Array.from(query).every((char) => INITIALS.includes(char));
