import { currentLang, translator, type Lang } from '../../ui-common/i18n.js';
import { en } from './locales/en.js';
import { zhCN, type ReportKey } from './locales/zh-CN.js';

export const lang: Lang = currentLang();
export const t = translator<ReportKey>({ 'zh-CN': zhCN, en }, lang);
