import { translator, type Lang } from '../../ui-common/i18n.js';
import { en } from './locales/en.js';
import { zhCN, type BookKey } from './locales/zh-CN.js';

export type T = (key: BookKey, vars?: Record<string, string | number>) => string;

export function bookStrings(lang: Lang): T {
  return translator<BookKey>({ 'zh-CN': zhCN, en }, lang);
}
