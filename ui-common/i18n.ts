/**
 * zh-CN first, English available. Each UI keeps its strings in one locale file per language
 * and builds a translator from them; the choice is remembered per device.
 */
export type Lang = 'zh-CN' | 'en';

const KEY = 'hallq.lang';

export function currentLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh-CN') return fromUrl;
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export function saveLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
}

export function translator<K extends string>(dicts: Record<Lang, Record<K, string>>, lang: Lang) {
  return (key: K, vars: Record<string, string | number> = {}): string => dicts[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}
