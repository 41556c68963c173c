import { render } from 'preact';
import { useState } from 'preact/hooks';
import { pageParams } from '../../ui-common/api.js';
import { currentLang, saveLang, type Lang } from '../../ui-common/i18n.js';
import { BookApp } from './book-app.js';
import { bookStrings } from './strings.js';
import './book.css';

const params = pageParams();

/** `/book/CODE` (the booking's link) or `/book/?code=CODE` shows a booking. */
const pathCode = /^\/book\/([0-9A-Za-z]{4,16})$/.exec(location.pathname)?.[1] ?? null;
const code = pathCode ?? params.get('code');
/** the hall's door code, from the QR on its board */
const door = /^\d{6}$/.exec(params.get('door') ?? '')?.[0] ?? null;

function Page() {
  const [lang, setLang] = useState<Lang>(currentLang());
  const t = bookStrings(lang);
  // a booking's link names no hall: its page needs only the code (and the phone's last 4 digits)
  const [hallId] = useState<string>(params.get('hall') ?? 'main');
  const toggle = () => {
    const next: Lang = lang === 'en' ? 'zh-CN' : 'en';
    saveLang(next);
    setLang(next);
  };
  return (
    <main class="book-page" lang={lang}>
      <header>
        <h1>{t('title')}</h1>
        <button type="button" class="link" onClick={toggle}>
          {t('language')}
        </button>
      </header>
      {hallId ? <BookApp t={t} lang={lang} hallId={hallId} code={code} doorCode={door} /> : <p class="muted">{t('loading')}</p>}
    </main>
  );
}

render(<Page />, document.getElementById('app')!);
