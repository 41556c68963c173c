import { useState } from 'preact/hooks';
import { Panel } from './form-bits.js';
import { errorText, t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

interface Change {
  section: string;
  id: string;
  change: 'added' | 'removed' | 'changed';
  fields?: string[];
}

async function download(admin: AdminData): Promise<void> {
  const config = await admin.call('GET', '/api/admin/config/export');
  const url = URL.createObjectURL(new Blob([JSON.stringify(config, null, 2)], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: 'hall-config.json' });
  a.click();
  URL.revokeObjectURL(url);
}

function DiffTable(p: { changes: Change[] }) {
  if (p.changes.length === 0)
    return (
      <p class="notice" data-import-diff="empty">
        {t('noChanges')}
      </p>
    );
  return (
    <table class="grid" data-import-diff={p.changes.length}>
      <thead>
        <tr>
          <th>{t('section')}</th>
          <th>ID</th>
          <th>{t('change')}</th>
          <th>{t('fields')}</th>
        </tr>
      </thead>
      <tbody>
        {p.changes.map((c) => (
          <tr key={`${c.section}/${c.id}/${c.change}`} class={`diff-${c.change}`}>
            <td>{c.section}</td>
            <td>{c.id}</td>
            <td>{t(c.change)}</td>
            <td>{c.fields?.join(', ') ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Export, and an import that shows its diff first and writes only on confirm. */
export function ConfigTab(p: { admin: AdminData }) {
  const [text, setText] = useState('');
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [error, setError] = useState('');
  const send = async (apply: boolean) => {
    setError('');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return setError(t('badJson'));
    }
    try {
      const r = await p.admin.call<{ applied: boolean; changes: Change[] }>('POST', `/api/admin/config/import${apply ? '?apply=true' : ''}`, body);
      setChanges(apply ? null : r.changes);
      if (apply) {
        p.admin.setFlash({ kind: 'ok', text: t('applied', { n: r.changes.length }) });
        await p.admin.reload();
      }
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div class="stack">
      <Panel title={t('exportConfig')}>
        <button class="btn btn-primary" data-admin-action="export" onClick={() => download(p.admin)}>
          {t('exportConfig')}
        </button>
      </Panel>
      <Panel title={t('importConfig')}>
        <p class="muted">{t('importHelp')}</p>
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const f = e.currentTarget.files?.[0];
            if (f) {
              setText(await f.text());
              setChanges(null);
            }
          }}
        />
        <textarea
          class="input code"
          name="configFile"
          rows={10}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setChanges(null);
          }}
        />
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <div class="form-buttons">
          <button class="btn" data-admin-action="preview-import" onClick={() => send(false)} disabled={!text}>
            {t('preview')}
          </button>
          <button class="btn btn-primary" data-admin-action="apply-import" onClick={() => send(true)} disabled={!changes || changes.length === 0}>
            {t('apply')}
          </button>
        </div>
        {changes && <DiffTable changes={changes} />}
      </Panel>
    </div>
  );
}
