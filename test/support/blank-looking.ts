/** Text that looks blank on every screen: each is refused wherever a name or any free text is typed. */
export const BLANK_LOOKING: readonly [string, string][] = [
  ['Hangul filler U+3164', '\u3164'],
  ['three Hangul fillers', '\u3164\u3164\u3164'],
  ['Hangul choseong filler U+115F', '\u115f'],
  ['Hangul jungseong filler U+1160', '\u1160'],
  ['halfwidth Hangul filler U+FFA0', '\uffa0'],
  ['zero-width space U+200B', '\u200b'],
  ['zero-width non-joiner U+200C', '\u200c'],
  ['zero-width joiner U+200D', '\u200d'],
  ['word joiner U+2060', '\u2060'],
  ['byte-order mark U+FEFF', '\ufeff'],
  ['braille blank U+2800', '\u2800'],
  ['soft hyphen U+00AD', '\u00ad'],
  ['left-to-right mark U+200E', '\u200e'],
  ['ideographic space U+3000', '\u3000'],
  ['a combining mark with nothing to sit on', '\u0301'],
  ['a mix of them with spaces', ' \u3164\u200b \u2800\u115f\ufeff '],
];
