import type { HallConfig } from '../../server/config/schema.js';

export const TOKENS = {
  kiosk: 'kiosk-token-0123456789abcdef',
  kiosk2: 'kiosk2-token-0123456789abcdef',
  display: 'display-token-0123456789abcdef',
  evaluator: 'evaluator-token-0123456789abcdef',
  agent: 'agent-token-0123456789abcdef',
  otherKiosk: 'other-hall-kiosk-token-012345',
} as const;

export const PASSWORD = 'secret123';

/** 10:00 on Monday 2026-11-23 in Beijing: inside the winter morning session. */
export const MONDAY_10AM = '2026-11-23T02:00:00.000Z';

/**
 * A small hall for tests: two zones, three services (A tax, B invoices, C licences), four
 * windows — w1 a 综合窗口 serving A then C, w2 serving A, w3 serving B, w4 (zone f2) serving C —
 * staff for each, a B岗 substitute, a manager, an admin, and a second hall to test isolation.
 */
export function testConfig(): HallConfig {
  const hours = {
    summer: {
      from: '05-01',
      sessions: [
        ['08:30', '11:30'],
        ['13:30', '17:00'],
      ] as [string, string][],
    },
    winter: {
      from: '10-01',
      sessions: [
        ['08:30', '11:30'],
        ['13:00', '16:30'],
      ] as [string, string][],
    },
  };
  return {
    halls: [
      {
        id: 'main',
        name: '市政务服务中心',
        timezone: 'Asia/Shanghai',
        zones: [
          { id: 'f1', name: '一楼' },
          { id: 'f2', name: '二楼' },
        ],
        hours,
      },
      { id: 'branch', name: '不动产分厅', timezone: 'Asia/Shanghai', zones: [{ id: 'b1', name: '分厅一楼' }], hours },
    ],
    departments: [
      { id: 'tax', name: '税务' },
      { id: 'market', name: '市场监管' },
      { id: 'realty', name: '不动产' },
    ],
    services: [
      { id: 'tax-reg', name: '税务登记', prefix: 'A', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 8 },
      { id: 'invoice', name: '发票领用', prefix: 'B', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 5 },
      { id: 'license', name: '营业执照', prefix: 'C', departmentId: 'market', hallId: 'main', avgServiceMinutes: 12 },
      { id: 'realty', name: '不动产登记', prefix: 'A', departmentId: 'realty', hallId: 'branch', avgServiceMinutes: 15 },
    ],
    windows: [
      { id: 'w1', number: 1, name: '1号窗口', hallId: 'main', zoneId: 'f1', serviceIds: ['tax-reg', 'license'] },
      { id: 'w2', number: 2, name: '2号窗口', hallId: 'main', zoneId: 'f1', serviceIds: ['tax-reg'] },
      { id: 'w3', number: 3, name: '3号窗口', hallId: 'main', zoneId: 'f1', serviceIds: ['invoice'] },
      { id: 'w4', number: 4, name: '4号窗口', hallId: 'main', zoneId: 'f2', serviceIds: ['license'] },
      { id: 'bw1', number: 1, name: '分厅1号窗口', hallId: 'branch', zoneId: 'b1', serviceIds: ['realty'] },
    ],
    staff: [
      { id: 's1', name: '王芳', employeeNo: '0101', role: 'staff', username: 'wangfang', password: PASSWORD, windowIds: ['w1'] },
      { id: 's2', name: '李强', employeeNo: '0201', role: 'staff', username: 'liqiang', password: PASSWORD, windowIds: ['w2'], substituteWindowIds: ['w1'] },
      { id: 's3', name: '张敏', employeeNo: '0301', role: 'staff', username: 'zhangmin', password: PASSWORD, windowIds: ['w3'] },
      { id: 's4', name: '陈静', employeeNo: '0401', role: 'staff', username: 'chenjing', password: PASSWORD, windowIds: ['w4'] },
      { id: 'sb', name: '周慧', employeeNo: '0801', role: 'staff', username: 'zhouhui', password: PASSWORD, windowIds: ['bw1'] },
      { id: 'm1', name: '黄主任', employeeNo: '9001', role: 'manager', hallId: 'main', username: 'manager', password: PASSWORD },
      { id: 'mb', name: '分厅主任', employeeNo: '9002', role: 'manager', hallId: 'branch', username: 'branchmanager', password: PASSWORD },
      { id: 'a1', name: '管理员', employeeNo: '9999', role: 'admin', username: 'admin', password: PASSWORD },
    ],
    devices: [
      { id: 'kiosk-1', kind: 'kiosk', hallId: 'main', token: TOKENS.kiosk },
      { id: 'kiosk-2', kind: 'kiosk', hallId: 'main', token: TOKENS.kiosk2 },
      { id: 'board-1', kind: 'display', hallId: 'main', token: TOKENS.display },
      { id: 'ev-w1', kind: 'evaluator', hallId: 'main', token: TOKENS.evaluator, windowId: 'w1' },
      { id: 'agent-1', kind: 'agent', hallId: 'main', token: TOKENS.agent },
      { id: 'kiosk-b', kind: 'kiosk', hallId: 'branch', token: TOKENS.otherKiosk },
    ],
  };
}
