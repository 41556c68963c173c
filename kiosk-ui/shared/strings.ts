import { errorMessage } from '../../ui-common/error-words.js';
import { translator, type Lang } from '../../ui-common/i18n.js';
import { en } from '../locales/en.js';
import { errorsEn } from '../locales/errors.en.js';
import { errorsZhCN } from '../locales/errors.zh-CN.js';
import { zhCN, type KioskKey } from '../locales/zh-CN.js';

/** A translator; `t.error(e)` says a refusal in the visitor's words for its code. */
export type T = ((key: KioskKey, vars?: Record<string, string | number>) => string) & { error(e: unknown): string };

/** The kiosk UI's translator for a language (zh-CN default). */
export function stringsFor(lang: Lang): T {
  return Object.assign(translator<KioskKey>({ 'zh-CN': zhCN, en }, lang), { error: visitorErrorText(lang) });
}

/** Visitors' words for an API refusal (kiosk, phone page, booking page): the server's message is for developers. */
export function visitorErrorText(lang: Lang): (e: unknown) => string {
  return (e) => errorMessage(e, lang === 'en' ? errorsEn : errorsZhCN);
}

/** A hall's, department's or service's name in the visitor's language (the Chinese one when no English was given). */
export function localName(lang: Lang, named: { name: string; nameEn?: string }): string {
  return lang === 'en' && named.nameEn ? named.nameEn : named.name;
}
