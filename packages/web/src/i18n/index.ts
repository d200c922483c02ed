import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGE_KEY } from '../api/storage';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

// Each locale folder holds one JSON file per area; the file name becomes the top-level key,
// so `users.json` → t('users.title') and `errors.json` → t('errors.<errorCode>').
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
  eager: true,
  import: 'default',
});

function resourcesFor(language: Language): Record<string, unknown> {
  const entries = Object.entries(files)
    .filter(([path]) => path.startsWith(`./locales/${language}/`))
    .map(([path, content]) => [path.slice(path.lastIndexOf('/') + 1, -'.json'.length), content]);
  return Object.fromEntries(entries);
}

export function storedLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: resourcesFor('zh-CN') },
    en: { translation: resourcesFor('en') },
  },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = storedLanguage();

export default i18n;
