import type { ProtocolInfo } from '../../drivers/protocols/catalog.js';
import type { HardwareDoc } from '../../server/admin/hardware.js';
import type { Overview } from './admin-api.js';
import { t } from './i18n.js';
import type { AdminKey } from './locales/zh-CN.js';

export type Bus = HardwareDoc['buses'][number];
export type Item = HardwareDoc['hardware'][number];
/** what the rows change: a field set to undefined is taken out of the item */
export type Patch<T> = { [K in keyof T]?: T[K] | undefined };

export const KINDS = ['led', 'keypad', 'evaluator', 'printer', 'voice'] as const;
const KIND_LABEL: Record<(typeof KINDS)[number], AdminKey> = {
  led: 'hwLed',
  keypad: 'hwKeypad',
  evaluator: 'hwEvaluator',
  printer: 'hwPrinter',
  voice: 'hwVoice',
};
const ON_BUS = new Set<string>(['led', 'keypad', 'evaluator']);
const ENGINES = ['auto', 'espeak', 'say', 'browser', 'simulated'];

const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v));

export function patched<T extends object>(x: T, p: Patch<T>): T {
  const next = { ...x, ...p } as Record<string, unknown>;
  for (const [k, v] of Object.entries(p)) if (v === undefined) delete next[k];
  return next as T;
}

function TestButton(p: { id: string; ready: boolean; onTest(id: string): void }) {
  return (
    <button
      type="button"
      class="btn btn-small"
      data-admin-action="test-hardware"
      disabled={!p.ready}
      title={p.ready ? '' : t('saveFirst')}
      onClick={() => p.onTest(p.id)}
    >
      {t('test')}
    </button>
  );
}

export function BusRow(p: { bus: Bus; i: number; edit: boolean; onChange(b: Patch<Bus>): void; onRemove(): void }) {
  return (
    <tr data-bus-row={p.i}>
      <td>
        <input class="input" name="bus-id" value={p.bus.id} disabled={!p.edit} onInput={(e) => p.onChange({ id: e.currentTarget.value })} />
      </td>
      <td>
        <input
          class="input code"
          name="bus-port"
          list="serial-ports"
          value={p.bus.port}
          disabled={!p.edit}
          placeholder="/dev/ttyUSB0 · COM3 · tcp://…"
          onInput={(e) => p.onChange({ port: e.currentTarget.value })}
        />
      </td>
      <td>
        <input
          class="input"
          name="bus-baud"
          type="number"
          value={p.bus.baudRate ?? ''}
          placeholder="9600"
          disabled={!p.edit}
          onInput={(e) => p.onChange({ baudRate: num(e.currentTarget.value) })}
        />
      </td>
      <td>
        {p.edit && (
          <button type="button" class="btn btn-small btn-danger" onClick={p.onRemove}>
            {t('delete')}
          </button>
        )}
      </td>
    </tr>
  );
}

interface RowContext {
  data: Overview;
  buses: Bus[];
  protocols: ProtocolInfo[];
  kiosks: { id: string }[];
  edit: boolean;
  saved: boolean;
  onTest(id: string): void;
}

function Place(p: { item: Item; ctx: RowContext; onChange(x: Patch<Item>): void }) {
  const { item, ctx } = p;
  const { windows, zones } = ctx.data;
  if (item.kind === 'printer') {
    return (
      <select
        class="input"
        name="hw-kiosk"
        value={item.kioskId ?? ''}
        disabled={!ctx.edit}
        onChange={(e) => p.onChange({ kioskId: e.currentTarget.value || undefined })}
      >
        <option value="">—</option>
        {ctx.kiosks.map((k) => (
          <option key={k.id} value={k.id}>
            {k.id}
          </option>
        ))}
      </select>
    );
  }
  const value = item.windowId ? `w:${item.windowId}` : item.zoneId ? `z:${item.zoneId}` : '';
  const choose = (v: string) => p.onChange({ windowId: v.startsWith('w:') ? v.slice(2) : undefined, zoneId: v.startsWith('z:') ? v.slice(2) : undefined });
  return (
    <select class="input" name="hw-place" value={value} disabled={!ctx.edit} onChange={(e) => choose(e.currentTarget.value)}>
      <option value="">—</option>
      {item.kind !== 'voice' &&
        windows.map((w) => (
          <option key={w.id} value={`w:${w.id}`}>
            {w.name || t('windowNo', { n: w.number })}
          </option>
        ))}
      {(item.kind === 'led' || item.kind === 'voice') &&
        zones.map((z) => (
          <option key={z.id} value={`z:${z.id}`}>
            {t('zoneBoard', { name: z.name })}
          </option>
        ))}
    </select>
  );
}

/** per kind: lines and the Onbon board's model and size; the printer's interface; the voice engine */
function Extra(p: { item: Item; info: ProtocolInfo | undefined; edit: boolean; onChange(x: Patch<Item>): void }) {
  const { item, info } = p;
  if (item.kind === 'printer')
    return (
      <input
        class="input code"
        name="hw-interface"
        value={item.interface ?? ''}
        placeholder="tcp://192.168.1.60:9100"
        disabled={!p.edit}
        onInput={(e) => p.onChange({ interface: e.currentTarget.value || undefined })}
      />
    );
  if (item.kind === 'voice') {
    return (
      <select class="input" name="hw-engine" value={item.engine ?? 'auto'} disabled={!p.edit} onChange={(e) => p.onChange({ engine: e.currentTarget.value })}>
        {ENGINES.map((x) => (
          <option key={x}>{x}</option>
        ))}
      </select>
    );
  }
  if (item.kind !== 'led') return null;
  const onbon = info?.boardFields.includes('width');
  return (
    <div class="hw-extra">
      <label>
        {t('hwLines')}
        <input
          class="input"
          name="hw-lines"
          type="number"
          min={1}
          max={16}
          value={item.lines ?? ''}
          placeholder="1"
          disabled={!p.edit}
          onInput={(e) => p.onChange({ lines: num(e.currentTarget.value) })}
        />
      </label>
      {onbon && info && (
        <>
          <label>
            {t('hwModel')}
            <select
              class="input"
              name="hw-model"
              value={item.model ?? ''}
              disabled={!p.edit}
              onChange={(e) => p.onChange({ model: e.currentTarget.value || undefined })}
            >
              <option value="">—</option>
              {info.models.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label>
            {t('hwWidth')}
            <input
              class="input"
              name="hw-width"
              type="number"
              value={item.width ?? ''}
              disabled={!p.edit}
              onInput={(e) => p.onChange({ width: num(e.currentTarget.value) })}
            />
          </label>
          <label>
            {t('hwHeight')}
            <input
              class="input"
              name="hw-height"
              type="number"
              value={item.height ?? ''}
              disabled={!p.edit}
              onInput={(e) => p.onChange({ height: num(e.currentTarget.value) })}
            />
          </label>
        </>
      )}
    </div>
  );
}

export function ItemRow(p: { item: Item; i: number; ctx: RowContext; onChange(x: Patch<Item>): void; onRemove(): void }) {
  const { item, ctx } = p;
  const onBus = ON_BUS.has(item.kind);
  const protocol = typeof item.protocol === 'string' ? item.protocol : 'hq485';
  const info = ctx.protocols.find((x) => x.name === protocol);
  const kindChange = (kind: Item['kind']) => p.onChange(ON_BUS.has(kind) ? { kind } : { kind, busId: undefined, address: undefined, protocol: undefined });
  return (
    <tr data-hw-row={p.i} data-hw-id={item.id}>
      <td>
        <input class="input" name="hw-id" value={item.id} disabled={!ctx.edit} onInput={(e) => p.onChange({ id: e.currentTarget.value })} />
      </td>
      <td>
        <select class="input" name="hw-kind" value={item.kind} disabled={!ctx.edit} onChange={(e) => kindChange(e.currentTarget.value as Item['kind'])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABEL[k])}
            </option>
          ))}
        </select>
      </td>
      <td>
        {onBus && (
          <select
            class="input"
            name="hw-protocol"
            value={protocol}
            disabled={!ctx.edit}
            onChange={(e) => p.onChange({ protocol: e.currentTarget.value === 'hq485' ? undefined : e.currentTarget.value })}
          >
            {ctx.protocols
              .filter((x) => x.kinds.includes(item.kind as 'led'))
              .map((x) => (
                <option key={x.name} value={x.name}>
                  {x.label}
                </option>
              ))}
          </select>
        )}
      </td>
      <td>
        {onBus && (
          <select
            class="input"
            name="hw-bus"
            value={item.busId ?? ''}
            disabled={!ctx.edit}
            onChange={(e) => p.onChange({ busId: e.currentTarget.value || undefined })}
          >
            <option value="">—</option>
            {ctx.buses.map((b) => (
              <option key={b.id} value={b.id}>
                {b.id}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        {onBus && (
          <input
            class="input"
            name="hw-address"
            type="number"
            min={info?.address.min}
            max={info?.address.max}
            value={item.address ?? ''}
            disabled={!ctx.edit}
            title={info ? `${info.address.min}–${info.address.max}` : ''}
            onInput={(e) => p.onChange({ address: num(e.currentTarget.value) })}
          />
        )}
      </td>
      <td>
        <Place item={item} ctx={ctx} onChange={p.onChange} />
      </td>
      <td>
        <Extra item={item} info={info} edit={ctx.edit} onChange={p.onChange} />
      </td>
      <td class="row-actions">
        <TestButton id={item.id} ready={ctx.saved} onTest={ctx.onTest} />
        {ctx.edit && (
          <button type="button" class="btn btn-small btn-danger" onClick={p.onRemove}>
            {t('delete')}
          </button>
        )}
      </td>
    </tr>
  );
}

export type { RowContext };
