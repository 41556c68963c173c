import { errorMessage } from '../../ui-common/error-words.js';
import { currentLang, saveLang, translator, type Lang } from '../../ui-common/i18n.js';
import { errorsEn } from '../locales/errors.en.js';
import { errorsZhCN } from '../locales/errors.zh-CN.js';
import { en } from './locales/en.js';
import { zhCN, type AdminKey } from './locales/zh-CN.js';

export const lang: Lang = currentLang();
export const t = translator<AdminKey>({ 'zh-CN': zhCN, en }, lang);

/** A refusal in the staff's words for its code (the server's message is for developers). */
export const errorText = (e: unknown): string => errorMessage(e, lang === 'en' ? errorsEn : errorsZhCN, { withField: true });

export function switchLanguage(): void {
  saveLang(lang === 'en' ? 'zh-CN' : 'en');
  const url = new URL(window.location.href);
  url.searchParams.delete('lang');
  window.location.replace(url.toString());
}
