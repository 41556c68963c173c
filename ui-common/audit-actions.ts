import type { Lang } from './i18n.js';

/**
 * What each audited action is called, for the admin console's and the reports' audit lists
 * (one table: the two lists name an action alike). An action not listed shows its code.
 */
const ZH: Record<string, string> = {
  'hall.create': '新建大厅', 'hall.update': '修改大厅', 'hall.delete': '删除大厅', 'hall.policy': '修改叫号策略', 'hall.notice': '修改滚动通知',
  'zone.create': '新增区域', 'zone.update': '修改区域', 'zone.delete': '删除区域',
  'department.create': '新增部门', 'department.update': '修改部门', 'department.delete': '删除部门',
  'service.create': '新增事项', 'service.update': '修改事项', 'service.delete': '删除事项',
  'window.create': '新增窗口', 'window.update': '修改窗口', 'window.delete': '删除窗口',
  'staff.create': '新增工作人员', 'staff.update': '修改工作人员', 'staff.enable': '启用工作人员', 'staff.disable': '停用工作人员',
  'staff.password': '重置密码', 'staff.photo': '更换照片',
  'device.create': '新增设备', 'device.update': '修改设备', 'device.delete': '删除设备', 'device.rotate': '更换设备令牌', 'device.revoke': '吊销设备令牌',
  'hardware.update': '修改硬件配置', 'hardware.test': '硬件测试', 'config.import': '导入配置文件', 'haocha.settings': '修改好差评对接', 'haocha.mapping': '修改好差评编码',
  'calendar.day': '设置放假/调休', 'calendar.day.delete': '取消放假/调休', 'calendar.year': '导入全年放假安排', 'calendar.weekly': '修改每周休息日',
  'calendar.extended': '新增延时/错时服务', 'calendar.extended.delete': '删除延时/错时服务',
  'appointments.rules': '修改预约规则', 'appointments.service': '修改事项预约设置', 'appointment.bar': '预约失信限制', 'appointment.bar.lift': '解除预约限制',
  'restore': '恢复过号', 'call-out-of-order': '指定叫号', 'window-takeover': '接管窗口', 'balance-add-service': '调配事项到窗口',
  'alert-acknowledge': '确认预警', 'config-score-weights': '修改考核权重', 'config-alert-settings': '修改预警设置',
  'followup-callback': '差评回访', 'followup-rectified': '差评整改', 'followup-visitor-rating': '回访评价',
};

const EN: Record<string, string> = {
  'hall.create': 'Hall created', 'hall.update': 'Hall changed', 'hall.delete': 'Hall removed', 'hall.policy': 'Calling policy changed', 'hall.notice': 'Notice changed',
  'zone.create': 'Zone added', 'zone.update': 'Zone changed', 'zone.delete': 'Zone removed',
  'department.create': 'Department added', 'department.update': 'Department changed', 'department.delete': 'Department removed',
  'service.create': 'Service added', 'service.update': 'Service changed', 'service.delete': 'Service removed',
  'window.create': 'Window added', 'window.update': 'Window changed', 'window.delete': 'Window removed',
  'staff.create': 'Staff added', 'staff.update': 'Staff changed', 'staff.enable': 'Staff enabled', 'staff.disable': 'Staff disabled',
  'staff.password': 'Password reset', 'staff.photo': 'Photo changed',
  'device.create': 'Device added', 'device.update': 'Device changed', 'device.delete': 'Device removed', 'device.rotate': 'Device token replaced', 'device.revoke': 'Device token revoked',
  'hardware.update': 'Hardware changed', 'hardware.test': 'Hardware test', 'config.import': 'Config file imported', 'haocha.settings': '好差评 link changed', 'haocha.mapping': '好差评 codes changed',
  'calendar.day': 'Holiday / swapped day set', 'calendar.day.delete': 'Holiday / swapped day removed', 'calendar.year': 'Year\'s holidays imported', 'calendar.weekly': 'Weekly days off changed',
  'calendar.extended': 'Extended hours added', 'calendar.extended.delete': 'Extended hours removed',
  'appointments.rules': 'Appointment rules changed', 'appointments.service': 'Service booking changed', 'appointment.bar': 'Booking bar', 'appointment.bar.lift': 'Booking bar lifted',
  'restore': 'No-show restored', 'call-out-of-order': 'Called out of order', 'window-takeover': 'Window taken over', 'balance-add-service': 'Service added to a window',
  'alert-acknowledge': 'Alert acknowledged', 'config-score-weights': 'Score weights changed', 'config-alert-settings': 'Alert settings changed',
  'followup-callback': 'Bad review: callback', 'followup-rectified': 'Bad review: rectified', 'followup-visitor-rating': 'Bad review: follow-up rating',
};

export function auditActionLabel(action: string, lang: Lang): string {
  return (lang === 'en' ? EN : ZH)[action] ?? action;
}

/** an instant as the hall's clock shows it: 2026-12-01 08:46:20 */
export function hallTime(iso: string, timeZone: string | undefined): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone, hour12: false });
}
