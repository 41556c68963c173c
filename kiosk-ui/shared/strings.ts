import { translator, type Lang } from '../../ui-common/i18n.js';
import { en } from '../locales/en.js';
import { zhCN, type KioskKey } from '../locales/zh-CN.js';

export type T = (key: KioskKey, vars?: Record<string, string | number>) => string;

/** The kiosk UI's translator for a language (zh-CN default). */
export function stringsFor(lang: Lang): T {
  return translator<KioskKey>({ 'zh-CN': zhCN, en }, lang);
}

/** A hall's, department's or service's name in the visitor's language (the Chinese one when no English was given). */
export function localName(lang: Lang, named: { name: string; nameEn?: string }): string {
  return lang === 'en' && named.nameEn ? named.nameEn : named.name;
}
