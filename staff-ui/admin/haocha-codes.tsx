import { useEffect, useState } from 'preact/hooks';
import { Field, Panel, TextInput } from './form-bits.js';
import { t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

interface Mapping {
  hallCode?: string;
  services?: Record<string, string>;
  windows?: Record<string, string>;
}

/** only the codes filled in are sent: a blank one goes out as our own id (see the docs) */
const filled = (codes: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(codes)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v),
  );

/** The platform's endpoint: one for the server, so only an admin sets it. */
export function HaochaEndpoint(p: { admin: AdminData }) {
  const [url, setUrl] = useState<string | null>(null);
  const [doc, setDoc] = useState<{ url: string | null; halls: Record<string, Mapping> } | null>(null);
  useEffect(() => {
    p.admin
      .call<{ url: string | null; halls: Record<string, Mapping> }>('GET', '/api/haocha/settings')
      .then((d) => {
        setDoc(d);
        setUrl(d.url ?? '');
      })
      .catch(() => {});
  }, [p.admin.data]);
  if (!doc || url === null) return null;
  return (
    <Panel title={t('haochaEndpoint')}>
      <form
        class="inline-form wide"
        data-form="haocha-endpoint"
        onSubmit={(e) => {
          e.preventDefault();
          void p.admin.run((call) => call('PUT', '/api/haocha/settings', { ...doc, url: url.trim() || null }));
        }}
      >
        <input
          class="input code"
          name="haochaUrl"
          type="url"
          value={url}
          placeholder="https://haocha.example.gov.cn/api/evaluations"
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <button class="btn btn-primary" type="submit" data-admin-action="save-haocha-endpoint">
          {t('save')}
        </button>
      </form>
      <p class="muted">{t('haochaEndpointHelp')}</p>
    </Panel>
  );
}

/** This hall's codes on the platform: 机构编码, a 事项编码 per service, a 窗口编码 per window. */
export function HaochaCodes(p: { admin: AdminData }) {
  const data = p.admin.data!;
  const [loaded, setLoaded] = useState<{ endpointSet: boolean } | null>(null);
  const [hallCode, setHallCode] = useState('');
  const [services, setServices] = useState<Record<string, string>>({});
  const [windows, setWindows] = useState<Record<string, string>>({});
  useEffect(() => {
    p.admin
      .call<{ endpointSet: boolean; mapping: Mapping }>('GET', `/api/haocha/halls/${encodeURIComponent(data.hall.id)}/mapping`)
      .then((r) => {
        setLoaded({ endpointSet: r.endpointSet });
        setHallCode(r.mapping.hallCode ?? '');
        setServices(r.mapping.services ?? {});
        setWindows(r.mapping.windows ?? {});
      })
      .catch(() => {});
  }, [data]);
  function save(e: Event) {
    e.preventDefault();
    const body = { ...(hallCode.trim() ? { hallCode: hallCode.trim() } : {}), services: filled(services), windows: filled(windows) };
    void p.admin.run((call) => call('PUT', `/api/haocha/halls/${encodeURIComponent(data.hall.id)}/mapping`, body));
  }
  if (!loaded) return null;
  return (
    <Panel title={t('haochaCodes')}>
      {!loaded.endpointSet && (
        <p class="notice" data-haocha-no-endpoint>
          {t('haochaNoEndpoint')}
        </p>
      )}
      <form class="edit-form" data-form="haocha-codes" onSubmit={save}>
        <Field label={t('haochaHallCode')}>
          <TextInput name="hallCode" value={hallCode} maxLength={64} onInput={setHallCode} />
        </Field>
        <table class="grid field-wide">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('haochaServiceCode')}</th>
            </tr>
          </thead>
          <tbody>
            {data.services.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.prefix} {s.name}
                </td>
                <td>
                  <input
                    class="input code"
                    name={`service-code-${s.id}`}
                    maxLength={64}
                    placeholder={s.id}
                    value={services[s.id] ?? ''}
                    onInput={(e) => setServices({ ...services, [s.id]: e.currentTarget.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table class="grid field-wide">
          <thead>
            <tr>
              <th>{t('window')}</th>
              <th>{t('haochaWindowCode')}</th>
            </tr>
          </thead>
          <tbody>
            {data.windows.map((w) => (
              <tr key={w.id}>
                <td>{w.name || t('windowNo', { n: w.number })}</td>
                <td>
                  <input
                    class="input code"
                    name={`window-code-${w.id}`}
                    maxLength={64}
                    placeholder={w.id}
                    value={windows[w.id] ?? ''}
                    onInput={(e) => setWindows({ ...windows, [w.id]: e.currentTarget.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="form-buttons">
          <button class="btn btn-primary" type="submit" data-admin-action="save-haocha-codes">
            {t('save')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
