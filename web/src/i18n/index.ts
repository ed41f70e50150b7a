import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';
import ingestZhCN from './ingest/zh-CN.json';
import ingestEn from './ingest/en.json';
import ingestCodesZhCN from './ingest/codes-zh-CN.json';
import ingestCodesEn from './ingest/codes-en.json';
import identityZhCN from './identity/zh-CN.json';
import identityEn from './identity/en.json';
import identityCodesZhCN from './identity/codes-zh-CN.json';
import identityCodesEn from './identity/codes-en.json';
import dispatchZhCN from './dispatch/zh-CN.json';
import dispatchEn from './dispatch/en.json';
import supervisionZhCN from './supervision/zh-CN.json';
import supervisionEn from './supervision/en.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// Each language is named in itself, so these labels are the same whatever the UI language is.
export const LANGUAGE_LABELS: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

const STORAGE_KEY = 'tianmu.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {
    // localStorage can throw in locked-down browsers; the default language is fine then.
  }
  return 'zh-CN';
}

void i18n.use(initReactI18next).init({
  // Each module keeps its strings in its own files under a top-level key of its own, so a plain
  // spread merges them without one file growing past what a reviewer can read.
  resources: {
    'zh-CN': { translation: { ...zhCN, ...ingestZhCN, ...ingestCodesZhCN, ...identityZhCN, ...identityCodesZhCN, ...dispatchZhCN, ...supervisionZhCN } },
    en: { translation: { ...en, ...ingestEn, ...ingestCodesEn, ...identityEn, ...identityCodesEn, ...dispatchEn, ...supervisionEn } },
  },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});
// The tab title and the page language follow the UI language (screen readers pick voices by lang).
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  document.title = i18n.t('app.fullName');
});
document.documentElement.lang = i18n.language;
document.title = i18n.t('app.fullName');

/** Switches the UI language and remembers it for the next visit. */
export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not persisting is acceptable; the switch still applies to this tab.
  }
  void i18n.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN';
}

export default i18n;
