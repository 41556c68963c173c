import type { HallConfig } from './schema.js';

/** Demo staff password (all demo accounts); printed at start and in the README. */
export const DEMO_PASSWORD = 'demo1234';

const ALL_DAY: [string, string][] = [['00:00', '24:00']];

/**
 * A realistic small city hall: 2 floors, 5 departments, 8 services, 10 windows (two of them
 * 综合窗口 serving several services), A岗/B岗 staff, a manager and an admin. The demo is open
 * all day so it can be tried at any hour; a real config sets its sessions.
 */
export function demoConfig(tokens: Record<string, string>): HallConfig {
  const staff = (id: string, name: string, no: string, windowIds: string[], substituteWindowIds: string[] = []) => ({
    id,
    name,
    employeeNo: no,
    role: 'staff' as const,
    hallId: 'main',
    username: id,
    password: DEMO_PASSWORD,
    windowIds,
    substituteWindowIds,
  });
  return {
    halls: [
      {
        id: 'main',
        name: '市政务服务中心',
        timezone: 'Asia/Shanghai',
        zones: [
          { id: 'f1', name: '一楼大厅' },
          { id: 'f2', name: '二楼大厅' },
        ],
        hours: { summer: { from: '05-01', sessions: ALL_DAY }, winter: { from: '10-01', sessions: ALL_DAY } },
        notice: '欢迎来到市政务服务中心。请凭号到对应窗口办理，过号请重新取号或联系导服人员。',
      },
    ],
    departments: [
      { id: 'tax', name: '税务' },
      { id: 'market', name: '市场监管' },
      { id: 'social', name: '人力社保' },
      { id: 'realty', name: '不动产登记' },
      { id: 'police', name: '公安户政' },
    ],
    services: [
      {
        id: 'tax-reg',
        name: '税务登记',
        prefix: 'A',
        departmentId: 'tax',
        hallId: 'main',
        avgServiceMinutes: 8,
        materials: '营业执照副本；法定代表人身份证；经营场所证明',
      },
      { id: 'tax-invoice', name: '发票领用', prefix: 'B', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 5, materials: '税务 UKey；经办人身份证' },
      {
        id: 'biz-license',
        name: '营业执照办理',
        prefix: 'C',
        departmentId: 'market',
        hallId: 'main',
        avgServiceMinutes: 12,
        materials: '名称预先核准通知书；公司章程；股东身份证明',
      },
      { id: 'soc-insure', name: '社保参保登记', prefix: 'D', departmentId: 'social', hallId: 'main', avgServiceMinutes: 6, materials: '身份证；劳动合同' },
      { id: 'soc-pension', name: '养老金业务', prefix: 'E', departmentId: 'social', hallId: 'main', avgServiceMinutes: 10, materials: '身份证；社保卡' },
      {
        id: 'realty-reg',
        name: '不动产登记',
        prefix: 'F',
        departmentId: 'realty',
        hallId: 'main',
        avgServiceMinutes: 15,
        materials: '不动产权证书；买卖合同；完税证明',
      },
      { id: 'hukou', name: '户籍业务', prefix: 'G', departmentId: 'police', hallId: 'main', avgServiceMinutes: 7, materials: '户口簿；身份证' },
      {
        id: 'id-card',
        name: '身份证办理',
        prefix: 'H',
        departmentId: 'police',
        hallId: 'main',
        avgServiceMinutes: 5,
        materials: '户口簿；近期证件照（现场可拍）',
      },
    ],
    windows: [
      { id: 'w1', number: 1, name: '1号窗口 综合受理', hallId: 'main', zoneId: 'f1', serviceIds: ['tax-reg', 'biz-license', 'soc-insure'] },
      { id: 'w2', number: 2, name: '2号窗口 综合受理', hallId: 'main', zoneId: 'f1', serviceIds: ['biz-license', 'tax-reg', 'soc-insure'] },
      { id: 'w3', number: 3, name: '3号窗口 税务', hallId: 'main', zoneId: 'f1', serviceIds: ['tax-reg', 'tax-invoice'] },
      { id: 'w4', number: 4, name: '4号窗口 税务', hallId: 'main', zoneId: 'f1', serviceIds: ['tax-invoice', 'tax-reg'] },
      { id: 'w5', number: 5, name: '5号窗口 市场监管', hallId: 'main', zoneId: 'f1', serviceIds: ['biz-license'] },
      { id: 'w6', number: 6, name: '6号窗口 社保', hallId: 'main', zoneId: 'f2', serviceIds: ['soc-insure', 'soc-pension'] },
      { id: 'w7', number: 7, name: '7号窗口 社保', hallId: 'main', zoneId: 'f2', serviceIds: ['soc-pension', 'soc-insure'] },
      { id: 'w8', number: 8, name: '8号窗口 不动产', hallId: 'main', zoneId: 'f2', serviceIds: ['realty-reg'] },
      { id: 'w9', number: 9, name: '9号窗口 户政', hallId: 'main', zoneId: 'f2', serviceIds: ['hukou', 'id-card'] },
      { id: 'w10', number: 10, name: '10号窗口 户政', hallId: 'main', zoneId: 'f2', serviceIds: ['id-card', 'hukou'] },
    ],
    staff: [
      staff('wangfang', '王芳', '0101', ['w1'], ['w2']),
      staff('liqiang', '李强', '0201', ['w2'], ['w1']),
      staff('zhangmin', '张敏', '0301', ['w3'], ['w4']),
      staff('chenjing', '陈静', '0401', ['w4'], ['w3']),
      staff('liuyang', '刘洋', '0501', ['w5']),
      staff('zhaolei', '赵磊', '0601', ['w6'], ['w7']),
      staff('sunli', '孙丽', '0701', ['w7'], ['w6']),
      staff('zhouhui', '周慧', '0801', ['w8']),
      staff('wujun', '吴军', '0901', ['w9'], ['w10']),
      staff('zhengyu', '郑宇', '1001', ['w10'], ['w9']),
      { id: 'manager', name: '黄主任', employeeNo: '9001', role: 'manager', hallId: 'main', username: 'manager', password: DEMO_PASSWORD },
      { id: 'admin', name: '系统管理员', employeeNo: '9999', role: 'admin', username: 'admin', password: DEMO_PASSWORD },
    ],
    devices: [
      { id: 'kiosk-1', kind: 'kiosk', hallId: 'main', token: tokens['kiosk-1']! },
      { id: 'board-1', kind: 'display', hallId: 'main', token: tokens['board-1']! },
      { id: 'ev-w1', kind: 'evaluator', hallId: 'main', token: tokens['ev-w1']!, windowId: 'w1' },
    ],
    hardware: [
      { id: 'prn-kiosk-1', kind: 'printer', interface: 'simulated', kioskId: 'kiosk-1' },
      { id: 'voice-f1', kind: 'voice', zoneId: 'f1', engine: 'simulated' },
      { id: 'voice-f2', kind: 'voice', zoneId: 'f2', engine: 'simulated' },
    ],
  };
}

export const DEMO_DEVICE_IDS = ['kiosk-1', 'board-1', 'ev-w1'] as const;
