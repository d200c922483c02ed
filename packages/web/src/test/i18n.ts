import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

/*
 * An i18next instance with the console's own locale files, for unit tests (the app's instance
 * reads the language from localStorage, which node lacks).
 */
const files = import.meta.glob<Record<string, unknown>>('../i18n/locales/*/*.json', {
  eager: true,
  import: 'default',
});

function resourcesFor(language: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(files)
      .filter(([path]) => path.includes(`/locales/${language}/`))
      .map(([path, content]) => [path.slice(path.lastIndexOf('/') + 1, -'.json'.length), content]),
  );
}

export async function testI18n(language: 'zh-CN' | 'en'): Promise<I18n> {
  const instance = createInstance();
  await instance.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: resourcesFor('zh-CN') },
      en: { translation: resourcesFor('en') },
    },
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}
