/**
 * A conflict in the current language's sentences (UI.md, "States"): who tried what, what HQ
 * already had and who did each — people's names (`who`, from the screens' useEventSource), never
 * ids — and the error as the catalog's sentence for its code.
 */
import type { TFunction } from 'i18next';
import type { Conflict, ConflictingEvent } from '../../../shared/contract/desk-views.js';
import { CATALOGS, type Language } from '../../i18n/catalog.js';

const hasKey = (table: object, key: string): boolean => Object.hasOwn(table, key);

export const subjectOf = (t: TFunction, conflict: Conflict): string => {
  const patient = conflict.patientName ?? t('sync.conflicts.unknownPatient');
  switch (conflict.streamType) {
    case 'visit':
    case 'patient':
    case 'staff':
    case 'clinic':
      return t(`sync.conflicts.subject.${conflict.streamType}`, { patient });
    default:
      return t('sync.conflicts.subject.other');
  }
};

export const triedSentence = (t: TFunction, language: Language, conflict: Conflict, who: string): string => {
  const type = conflict.command.type;
  return hasKey(CATALOGS[language].sync.conflicts.tried, type)
    ? t(`sync.conflicts.tried.${type}`, { who })
    : t('sync.conflicts.triedUnknown', { who, type });
};

export const hadSentence = (t: TFunction, language: Language, event: ConflictingEvent, who: string): string => hasKey(CATALOGS[language].sync.conflicts.had, event.eventType)
    ? t(`sync.conflicts.had.${event.eventType}`, { who })
    : t('sync.conflicts.hadUnknown', { who, type: event.eventType });

/** Why it did not run: the catalog's sentence for the desk's code, else the desk's own message. */
export const whySentence = (language: Language, conflict: Conflict): string => {
  const errors: Readonly<Record<string, string>> = CATALOGS[language].errors;
  return hasKey(errors, conflict.code) ? (errors[conflict.code] ?? conflict.message) : conflict.message;
};
