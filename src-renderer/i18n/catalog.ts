/**
 * The message catalogs and the i18next instance over them. Korean is the default; the language
 * chosen at the desk is kept in localStorage (per window, nothing to do with clinic data).
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { ko } from './ko.js';

export type Language = 'ko' | 'en';
export const LANGUAGES: readonly Language[] = ['ko', 'en'];
export const CATALOGS = { ko, en } as const;

const STORAGE_KEY = 'clinic-desk.language';

export const storedLanguage = (): Language => {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
};

export const rememberLanguage = (language: Language): void => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // A window without storage just starts in Korean next time.
  }
};

/** A fresh i18next instance (each test and each window gets its own). */
export const createI18n = (language: Language = storedLanguage()): i18n => {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    resources: { ko: { translation: ko }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
};

export const languageOf = (instance: i18n): Language => (instance.language === 'en' ? 'en' : 'ko');
