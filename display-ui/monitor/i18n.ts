import { currentLang, saveLang, translator, type Lang } from '../../ui-common/i18n.js';
import { en } from './locales/en.js';
import { zhCN, type MonitorKey } from './locales/zh-CN.js';

export const lang: Lang = currentLang();
export const t = translator<MonitorKey>({ 'zh-CN': zhCN, en }, lang);

export function switchLanguage(): void {
  saveLang(lang === 'en' ? 'zh-CN' : 'en');
  window.location.reload();
}
