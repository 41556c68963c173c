import { currentLang, translator, type Lang } from '../../ui-common/i18n.js';
import { en } from '../locales/en.js';
import { zhCN, type BoardKey } from '../locales/zh-CN.js';

export const lang: Lang = currentLang();
export const t = translator<BoardKey>({ 'zh-CN': zhCN, en }, lang);
