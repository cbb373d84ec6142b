/**
 * A conflict in the current language's sentences (UI.md, "States"): who tried what, what HQ
 * already had and who did each, on which desk — people's names, never ids, and the error as the
 * catalog's sentence for its code.
 */
import type { TFunction } from 'i18next';
import type { Conflict, ConflictingEvent } from '../../../shared/contract/desk-views.js';
import { CATALOGS, type Language } from '../../i18n/catalog.js';

const hasKey = (table: object, key: string): boolean => Object.hasOwn(table, key);

/** A person by name; the desk itself (a device's own command) or, failing all, "someone". */
export const personOf = (t: TFunction, name: string | null, id: string | null): string => {
  if (name) return name;
  return id?.startsWith('device:') ? t('sync.conflicts.device') : t('sync.conflicts.someone');
};

export const deskOf = (t: TFunction, deviceId: string, installationId: string | undefined): string =>
  deviceId === installationId ? t('sync.conflicts.thisDesk') : t('sync.conflicts.otherDesk');

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

export const triedSentence = (t: TFunction, language: Language, conflict: Conflict): string => {
  const who = personOf(t, conflict.command.issuedByName, conflict.command.issuedBy);
  const type = conflict.command.type;
  return hasKey(CATALOGS[language].sync.conflicts.tried, type)
    ? t(`sync.conflicts.tried.${type}`, { who })
    : t('sync.conflicts.triedUnknown', { who, type });
};

export const hadSentence = (t: TFunction, language: Language, event: ConflictingEvent): string => {
  const who = personOf(t, event.staffName, event.staffId);
  return hasKey(CATALOGS[language].sync.conflicts.had, event.eventType)
    ? t(`sync.conflicts.had.${event.eventType}`, { who })
    : t('sync.conflicts.hadUnknown', { who, type: event.eventType });
};

/** Why it did not run: the catalog's sentence for the desk's code, else the desk's own message. */
export const whySentence = (language: Language, conflict: Conflict): string => {
  const errors: Readonly<Record<string, string>> = CATALOGS[language].errors;
  return hasKey(errors, conflict.code) ? (errors[conflict.code] ?? conflict.message) : conflict.message;
};
