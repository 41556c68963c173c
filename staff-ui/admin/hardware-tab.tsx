import { useEffect, useState } from 'preact/hooks';
import type { PortChoice } from '../../drivers/bus/port-finder.js';
import type { ProtocolInfo } from '../../drivers/protocols/catalog.js';
import type { HardwareDoc } from '../../server/admin/hardware.js';
import { Panel } from './form-bits.js';
import { BusRow, ItemRow, patched, type Bus, type Item, type Patch } from './hardware-rows.js';
import { t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

const replaceAt = <T,>(list: T[], i: number, x: T): T[] => list.map((y, j) => (j === i ? x : y));

function nextId(prefix: string, taken: { id: string }[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.some((x) => x.id === `${prefix}${n}`)) return `${prefix}${n}`;
}

/**
 * Serial buses and the devices on them as a form: a port picked from the machine's list (or
 * typed: a pseudo-terminal or an adapter's serial number), the protocol, address and place of
 * each device, and a 测试 per saved device. Buses are shared by all halls: only an admin edits.
 */
export function HardwareTab(p: { admin: AdminData; isAdmin: boolean }) {
  const [saved, setSaved] = useState<HardwareDoc | null>(null);
  const [draft, setDraft] = useState<HardwareDoc>({ buses: [], hardware: [] });
  const [protocols, setProtocols] = useState<ProtocolInfo[]>([]);
  const [ports, setPorts] = useState<PortChoice[]>([]);
  useEffect(() => {
    p.admin
      .call<HardwareDoc>('GET', '/api/admin/hardware')
      .then((d) => {
        setSaved(d);
        setDraft(d);
      })
      .catch(() => {});
    p.admin
      .call<{ protocols: ProtocolInfo[] }>('GET', '/api/admin/hardware/protocols')
      .then((x) => setProtocols(x.protocols))
      .catch(() => {});
    if (p.isAdmin)
      p.admin
        .call<PortChoice[]>('GET', '/api/admin/hardware/ports')
        .then(setPorts)
        .catch(() => {});
  }, [p.admin.data]);
  const dirty = saved !== null && JSON.stringify(saved) !== JSON.stringify(draft);
  const edit = p.isAdmin;
  const setBus = (i: number, x: Patch<Bus>) => setDraft({ ...draft, buses: replaceAt(draft.buses, i, patched(draft.buses[i]!, x)) });
  const setItem = (i: number, x: Patch<Item>) => setDraft({ ...draft, hardware: replaceAt(draft.hardware, i, patched(draft.hardware[i]!, x)) });
  async function save(e: Event) {
    e.preventDefault();
    const doc = await p.admin.run((call) => call<HardwareDoc>('PUT', '/api/admin/hardware', draft));
    if (doc) {
      setSaved(doc);
      setDraft(doc);
    }
  }
  const onTest = (id: string) => {
    void p.admin.run((call) => call('POST', `/api/admin/hardware/${encodeURIComponent(id)}/test`), t('testSent', { id }));
  };
  const kiosks = p.admin.data!.devices.filter((d) => d.kind === 'kiosk');
  const ctx = { data: p.admin.data!, buses: draft.buses, protocols, kiosks, edit, saved: !dirty, onTest };
  const portList = [...new Set([...ports.map((x) => x.path), ...draft.buses.map((b) => b.port).filter(Boolean)])];
  return (
    <form class="stack" data-form="hardware" onSubmit={save}>
      <datalist id="serial-ports">
        {portList.map((path) => {
          const listed = ports.find((x) => x.path === path);
          return (
            <option key={path} value={path}>
              {[listed?.manufacturer, listed?.serialNumber].filter(Boolean).join(' ')}
            </option>
          );
        })}
      </datalist>
      <Panel
        title={t('hwBuses')}
        actions={
          edit && (
            <button
              type="button"
              class="btn"
              data-admin-action="add-bus"
              onClick={() => setDraft({ ...draft, buses: [...draft.buses, { id: nextId('bus', draft.buses), port: ports[0]?.path ?? '' }] })}
            >
              {t('add')}
            </button>
          )
        }
      >
        <p class="muted">{t('hwBusHelp', { n: ports.length })}</p>
        <table class="grid">
          <thead>
            <tr>
              <th>ID</th>
              <th>{t('hwPort')}</th>
              <th>{t('hwBaud')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.buses.map((b, i) => (
              <BusRow
                key={i}
                bus={b}
                i={i}
                edit={edit}
                onChange={(x) => setBus(i, x)}
                onRemove={() => setDraft({ ...draft, buses: draft.buses.filter((_, j) => j !== i) })}
              />
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel
        title={t('hwDevices')}
        actions={
          edit && (
            <button
              type="button"
              class="btn"
              data-admin-action="add-hardware"
              onClick={() =>
                setDraft({
                  ...draft,
                  hardware: [...draft.hardware, { id: nextId('dev', draft.hardware), kind: 'led', ...(draft.buses[0] ? { busId: draft.buses[0].id } : {}) }],
                })
              }
            >
              {t('add')}
            </button>
          )
        }
      >
        <table class="grid hw-grid">
          <thead>
            <tr>
              <th>ID</th>
              <th>{t('kind')}</th>
              <th>{t('hwProtocol')}</th>
              <th>{t('hwBus')}</th>
              <th>{t('hwAddress')}</th>
              <th>{t('hwPlace')}</th>
              <th>{t('hwMore')}</th>
              <th>{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {draft.hardware.map((h, i) => (
              <ItemRow
                key={i}
                item={h}
                i={i}
                ctx={ctx}
                onChange={(x) => setItem(i, x)}
                onRemove={() => setDraft({ ...draft, hardware: draft.hardware.filter((_, j) => j !== i) })}
              />
            ))}
          </tbody>
        </table>
      </Panel>
      {edit && (
        <div class="form-buttons">
          <button class="btn btn-primary" type="submit" data-admin-action="save-hardware" disabled={!dirty}>
            {t('save')}
          </button>
          {dirty && (
            <button class="btn" type="button" onClick={() => saved && setDraft(saved)}>
              {t('cancel')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
