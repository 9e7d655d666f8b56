import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Locale } from './format';
import { EN, ZH_CN } from './messages';

interface I18nContext {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The text of a message key in the current language; an unknown key shows as itself. */
  t(key: string): string;
}

const STORAGE_KEY = 'houqin.console.locale';
const Context = createContext<I18nContext | undefined>(undefined);

function initialLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** zh-CN by default; English when chosen (kept across visits). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nContext>(() => {
    const messages: Record<string, string> = locale === 'zh-CN' ? ZH_CN : EN;
    return { locale, setLocale, t: (key) => messages[key] ?? key };
  }, [locale, setLocale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18nContext {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
