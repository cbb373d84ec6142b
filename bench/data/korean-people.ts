/**
 * Korean names and phone numbers as a clinic's patient list holds them: surnames by their share of
 * the population (김, 이, 박 … down to the rare two-syllable ones), two-syllable given names, a
 * few one- and three-syllable ones and a few names written in Latin letters; mobile numbers
 * 010-XXXX-XXXX, each handed out once, and some Seoul landlines.
 */
import type { SeededRandom } from './seeded-random.js';

/** Share of the population in per mille (2015 census, rounded); the tail keeps rare surnames in the data. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['김', 215], ['이', 147], ['박', 84], ['최', 47], ['정', 43], ['강', 24], ['조', 21], ['윤', 21], ['장', 20], ['임', 16],
  ['한', 15], ['오', 15], ['서', 15], ['신', 14], ['권', 14], ['황', 14], ['안', 13], ['송', 13], ['전', 11], ['홍', 11],
  ['유', 11], ['고', 9], ['문', 9], ['양', 9], ['손', 9], ['배', 8], ['백', 8], ['허', 6], ['노', 6], ['남', 5],
  ['심', 5], ['하', 5], ['곽', 4], ['성', 4], ['차', 4], ['주', 4], ['우', 4], ['구', 4], ['민', 3], ['진', 3],
  ['나', 3], ['지', 3], ['엄', 3], ['원', 3], ['채', 2], ['천', 2], ['방', 2], ['공', 2], ['현', 2], ['함', 2],
  ['변', 2], ['염', 1], ['여', 1], ['추', 1], ['도', 1], ['소', 1], ['석', 1], ['선', 1], ['설', 1], ['마', 1],
  ['길', 1], ['연', 1], ['위', 1], ['표', 1], ['명', 1], ['기', 1], ['반', 1], ['왕', 1], ['금', 1], ['옥', 1],
  ['남궁', 0.3], ['황보', 0.3], ['제갈', 0.2], ['선우', 0.2], ['독고', 0.1],
];

const GIVEN_FIRST_F = [...'서지민수하예채윤다소유은현혜주나가세연아보정미선영경희'];
const GIVEN_SECOND_F = [...'연윤은아민현우진영빈원희린율서나인경정주혜솔비'];
const GIVEN_FIRST_M = [...'민준도서지현예시주건우성재동상영태승정형'];
const GIVEN_SECOND_M = [...'준호우현민진혁훈수빈원석규환철웅윤성재'];
const PURE_KOREAN = ['하늘', '다솜', '보람', '슬기', '한결', '나래', '아름', '가람', '새봄', '누리', '빛나', '초롱'];
const LATIN = ['Emily Park', 'Sarah Kim', 'Daniel Lee', 'Grace Choi', 'Jenny Jung', 'Kevin Cho', 'Olivia Kang', 'Lucas Han'];

export interface Person {
  readonly name: string;
  readonly phone: string;
  readonly birthDate?: string;
  readonly female: boolean;
}

/** Hands out people; every phone number is new, unless a caller reuses one on purpose. */
export const koreanPeople = (random: SeededRandom) => {
  const phones = new Set<string>();

  const givenName = (female: boolean): string => {
    const roll = random.next();
    if (roll < 0.02) return random.pick([...(female ? GIVEN_SECOND_F : GIVEN_SECOND_M)]);
    if (roll < 0.05) return random.pick(PURE_KOREAN);
    if (roll < 0.07) return `${random.pick(female ? GIVEN_FIRST_F : GIVEN_FIRST_M)}${random.pick(GIVEN_SECOND_F)}${random.pick(GIVEN_SECOND_M)}`;
    return `${random.pick(female ? GIVEN_FIRST_F : GIVEN_FIRST_M)}${random.pick(female ? GIVEN_SECOND_F : GIVEN_SECOND_M)}`;
  };

  const phone = (): string => {
    for (;;) {
      const number = random.chance(0.03)
        ? `02-${random.int(200, 999)}-${String(random.int(0, 9999)).padStart(4, '0')}`
        : `010-${String(random.int(2000, 9999)).padStart(4, '0')}-${String(random.int(0, 9999)).padStart(4, '0')}`;
      if (!phones.has(number)) {
        phones.add(number);
        return number;
      }
    }
  };

  const birthDate = (): string | undefined => {
    if (random.chance(0.4)) return undefined;
    const year = random.int(1960, 2006);
    const month = random.int(1, 12);
    const day = random.int(1, 28);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };

  return {
    /** A patient of an aesthetic clinic: about seven in ten are women. */
    patient: (): Person => {
      const female = random.chance(0.7);
      const name = random.chance(0.01) ? random.pick(LATIN) : `${random.weighted(SURNAMES)}${givenName(female)}`;
      const born = birthDate();
      return { name, phone: phone(), female, ...(born ? { birthDate: born } : {}) };
    },
    /** A staff member's name (staff need no phone here). */
    staffName: (female: boolean): string => `${random.weighted(SURNAMES)}${givenName(female)}`,
    phone,
  };
};
