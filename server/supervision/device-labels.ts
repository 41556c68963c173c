/**
 * What a manager reads about a device: a name from where it hangs (2号窗口 呼叫器, 一楼 大屏)
 * and the reason for its state in Chinese. The drivers report English diagnostics for the log;
 * the monitor must not show "no reply from device 67 after 1 tries" to a hall manager.
 */
import type { AppContext } from '../app/context.js';

export interface HardwareWhere {
  id: string;
  kind: string;
  windowId?: string;
  zoneId?: string;
  kioskId?: string;
}

const KIND_NAME: Record<string, string> = {
  led: '显示屏',
  keypad: '呼叫器',
  evaluator: '评价器',
  printer: '打印机',
  voice: '语音播报',
  kiosk: '取号机',
  display: '大厅屏',
  agent: '设备代理',
};

export async function deviceName(ctx: AppContext, id: string, kind: string, hardware: readonly HardwareWhere[]): Promise<string> {
  const hw = hardware.find((h) => h.id === id);
  const device = await ctx.store.devices.get(id);
  const windowId = hw?.windowId ?? device?.windowId ?? undefined;
  const zoneId = hw?.zoneId ?? device?.zoneId ?? undefined;
  const kindName = kind === 'led' ? (windowId ? '窗口屏' : '大屏') : (KIND_NAME[kind] ?? kind);
  const where = windowId
    ? (await ctx.store.halls.window(windowId))?.name
    : zoneId
      ? (await ctx.store.halls.zone(zoneId))?.name
      : hw?.kioskId
        ? `取号机 ${hw.kioskId}`
        : undefined;
  return where ? `${where} ${kindName}` : `${kindName} ${id}`;
}

const REASONS: [RegExp, string][] = [
  [/no reply from device/i, '无应答：检查电源和485接线'],
  [/retries or bad CRC/i, '线路干扰：需重发或校验出错'],
  [/is offline/i, '离线'],
  [/not open|port closed|vanished|bus closed|reopen/i, '串口未连接：检查USB转485'],
  [/paper/i, '缺纸'],
  [/voice engine .* unavailable/i, '语音引擎不可用：只显示不播报'],
  [/announcing .* failed/i, '播报失败'],
];

/** the reason in Chinese: a known diagnostic translated, a Chinese one as it is, else a plain 通信故障 */
export function deviceReason(lastError: string | null | undefined): string | null {
  if (!lastError) return null;
  for (const [pattern, text] of REASONS) if (pattern.test(lastError)) return text;
  if (/[\u4e00-\u9fff]/.test(lastError)) return lastError;
  return '通信故障';
}
