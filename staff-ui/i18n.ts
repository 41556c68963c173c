import { currentLang, saveLang, translator, type Lang } from '../ui-common/i18n.js';
import { en } from './locales/en.js';
import { zhCN, type StaffKey } from './locales/zh-CN.js';

export const lang: Lang = currentLang();
export const t = translator<StaffKey>({ 'zh-CN': zhCN, en }, lang);

export function switchLanguage(): void {
  saveLang(lang === 'en' ? 'zh-CN' : 'en');
  const url = new URL(window.location.href);
  url.searchParams.delete('lang');
  window.location.replace(url.toString());
}
