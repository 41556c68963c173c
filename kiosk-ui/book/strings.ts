import { translator, type Lang } from '../../ui-common/i18n.js';
import { visitorErrorText } from '../shared/strings.js';
import { en } from './locales/en.js';
import { zhCN, type BookKey } from './locales/zh-CN.js';

/** A translator; `t.error(e)` says a refusal in the visitor's words for its code. */
export type T = ((key: BookKey, vars?: Record<string, string | number>) => string) & { error(e: unknown): string };

export function bookStrings(lang: Lang): T {
  return Object.assign(translator<BookKey>({ 'zh-CN': zhCN, en }, lang), { error: visitorErrorText(lang) });
}
