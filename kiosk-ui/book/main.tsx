import { render } from 'preact';
import { useState } from 'preact/hooks';
import { pageParams } from '../../ui-common/api.js';
import { currentLang, saveLang, type Lang } from '../../ui-common/i18n.js';
import { BookApp } from './book-app.js';
import { bookStrings } from './strings.js';
import './book.css';

const params = pageParams();

function Page() {
  const [lang, setLang] = useState<Lang>(currentLang());
  const t = bookStrings(lang);
  const hallId = params.get('hall') ?? 'main';
  const toggle = () => { const next: Lang = lang === 'en' ? 'zh-CN' : 'en'; saveLang(next); setLang(next); };
  return (
    <main class="book-page" lang={lang}>
      <header><h1>{t('title')}</h1><button type="button" class="link" onClick={toggle}>{t('language')}</button></header>
      <BookApp t={t} hallId={hallId} code={params.get('code')} />
    </main>
  );
}

render(<Page />, document.getElementById('app')!);
