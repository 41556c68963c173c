import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_PROTOCOL, PROTOCOLS, protocolProblems, type ProtocolInfo } from '../../drivers/protocols/catalog.js';
import { HallConfigSchema } from '../config/schema.js';
import { DomainError } from '../domain/errors.js';
import { assertAdmin, assertConfigures, invalid, notFound } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';

/** The contract's `buses` and `hardware` config sections, kept as the `buses`/`hardware` settings documents. */
export const HardwareDocSchema = Type.Object({
  buses: Type.Unsafe<NonNullable<Static<typeof HallConfigSchema>['buses']>>(Type.Array(HallConfigSchema.properties.buses.items ?? Type.Any())),
  hardware: Type.Unsafe<NonNullable<Static<typeof HallConfigSchema>['hardware']>>(Type.Array(HallConfigSchema.properties.hardware.items ?? Type.Any())),
});
export type HardwareDoc = Static<typeof HardwareDocSchema>;
export type HardwareItem = HardwareDoc['hardware'][number];

export async function getHardware(deps: AdminDeps): Promise<HardwareDoc> {
  return { buses: await deps.settings.get('buses', []), hardware: await deps.settings.get('hardware', []) };
}

/** The device protocols a `hardware[].protocol` may name, with what each drives (for the console's form). */
export function hardwareProtocols(): { protocols: ProtocolInfo[]; default: string } {
  return { protocols: Object.values(PROTOCOLS), default: DEFAULT_PROTOCOL };
}

const VOICE_ENGINES = new Set(['auto', 'espeak', 'say', 'browser', 'simulated']);

/** A manager sees the hardware of their own hall, and the buses it is on. */
export async function hardwareFor(deps: AdminDeps, actor: UserPrincipal): Promise<HardwareDoc> {
  const doc = await getHardware(deps);
  if (actor.role === 'admin') return doc;
  const hallOf = await Promise.all(doc.hardware.map((h) => hallOfItem(deps, h)));
  const hardware = doc.hardware.filter((_h, i) => hallOf[i] === actor.hallId);
  const busIds = new Set(hardware.flatMap((h) => (h.busId ? [h.busId] : [])));
  return { buses: doc.buses.filter((b) => busIds.has(b.id)), hardware };
}

/** The hall an addressed item belongs to, from the window, zone or kiosk it serves. */
export async function hallOfItem(deps: AdminDeps, item: HardwareItem): Promise<string | undefined> {
  const halls = deps.ctx.store.halls;
  if (item.windowId) return (await halls.window(item.windowId))?.hallId;
  if (item.zoneId) return (await halls.zone(item.zoneId))?.hallId;
  if (item.kioskId) return (await deps.ctx.store.devices.get(item.kioskId))?.hallId;
  return undefined;
}

async function checkDoc(deps: AdminDeps, doc: HardwareDoc): Promise<void> {
  const error = Value.Errors(HardwareDocSchema, doc).First();
  if (error)
    throw invalid(
      error.path
        .replace(/^\//, '')
        .replace(/\/(\d+)/g, '[$1]')
        .replace(/\//g, '.'),
      error.message,
    );
  const busIds = new Set<string>();
  doc.buses.forEach((b, i) => {
    if (busIds.has(b.id)) throw invalid(`buses[${i}].id`, `duplicate id "${b.id}"`);
    busIds.add(b.id);
  });
  const ids = new Set<string>();
  const addresses = new Set<string>();
  for (const [i, h] of doc.hardware.entries()) {
    const field = (f: string) => `hardware[${i}].${f}`;
    if (ids.has(h.id)) throw invalid(field('id'), `duplicate id "${h.id}"`);
    ids.add(h.id);
    if (h.busId !== undefined) {
      if (!busIds.has(h.busId)) throw invalid(field('busId'), `unknown bus "${h.busId}"`);
      if (h.address === undefined) throw invalid(field('address'), 'required for a device on a bus');
      const key = `${h.busId}/${h.address}`;
      if (addresses.has(key)) throw invalid(field('address'), `address ${h.address} is already used on ${h.busId}`);
      addresses.add(key);
    }
    if (h.windowId && !(await deps.ctx.store.halls.window(h.windowId))) throw invalid(field('windowId'), `unknown window "${h.windowId}"`);
    if (h.zoneId && !(await deps.ctx.store.halls.zone(h.zoneId))) throw invalid(field('zoneId'), `unknown zone "${h.zoneId}"`);
    if (h.kioskId && !(await deps.ctx.store.devices.get(h.kioskId))) throw invalid(field('kioskId'), `unknown kiosk "${h.kioskId}"`);
    if ('command' in h)
      throw invalid(field('command'), "the voice program is set in the server's environment (HALLQ_VOICE_COMMAND), not here: the server would run it");
    if (h.engine !== undefined && h.kind === 'voice' && !VOICE_ENGINES.has(h.engine))
      throw invalid(field('engine'), `must be one of ${[...VOICE_ENGINES].join(', ')}`);
  }
  const [protocol] = protocolProblems(doc.buses, doc.hardware);
  if (protocol) throw invalid(protocol.field, protocol.message);
}

/** Serial buses are shared by the halls of one server, so only an admin rewrites them. */
export async function saveHardware(deps: AdminDeps, actor: UserPrincipal, doc: HardwareDoc): Promise<HardwareDoc> {
  assertAdmin(actor);
  await checkDoc(deps, doc);
  return await applyConfigChange(deps, actor, async () => {
    const before = await getHardware(deps);
    await deps.settings.put('buses', doc.buses);
    await deps.settings.put('hardware', doc.hardware);
    const hallIds = (await deps.ctx.store.halls.halls()).map((h) => h.id);
    return { hallIds, entity: 'hardware', id: 'hardware', action: 'hardware.update', before, after: doc, result: doc };
  });
}

const TEST_TEXT: Record<string, string> = {
  led: '测试 TEST 0123456789',
  printer: '测试票 TEST TICKET',
  voice: '语音测试，请 A001 号到 1 号窗口办理',
  keypad: 'TEST',
  evaluator: 'TEST',
};

/** Asks the device host to light a board, print a test ticket or speak a line (event `device.test`). */
export async function testHardware(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<{ hardwareId: string; hallId: string }> {
  const item = (await getHardware(deps)).hardware.find((h) => h.id === id);
  if (!item) throw notFound('hardware', id);
  const hallId = (await hallOfItem(deps, item)) ?? actor.hallId ?? (await deps.ctx.store.halls.halls())[0]?.id;
  if (!hallId) throw new DomainError('NOT_FOUND', 'no hall to test in');
  assertConfigures(actor, hallId);
  return await applyConfigChange(deps, actor, async (emit) => {
    await emit({
      type: 'device.test',
      at: deps.ctx.clock.now().toISOString(),
      hallId,
      ...(item.windowId ? { windowId: item.windowId } : {}),
      ...(item.zoneId ? { zoneId: item.zoneId } : {}),
      data: { hardwareId: id, kind: item.kind, text: TEST_TEXT[item.kind] ?? 'TEST', by: actor.id },
    });
    return {
      hallIds: [hallId],
      quiet: true,
      entity: 'hardware',
      id,
      action: 'hardware.test',
      before: null,
      after: { kind: item.kind },
      result: { hardwareId: id, hallId },
    };
  });
}
