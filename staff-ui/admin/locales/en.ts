import type { AdminKey } from './zh-CN.js';

export const en: Record<AdminKey, string> = {
  title: 'Configuration', hallQueue: 'Hall Queue', username: 'Username', password: 'Password', login: 'Log in', loggingIn: 'Logging in…',
  logout: 'Log out', language: '中文', console: 'Window console', hall: 'Hall', needManager: 'Configuration needs a manager or admin account.',
  tabServices: 'Services', tabWindows: 'Windows', tabStaff: 'Staff', tabDevices: 'Devices', tabHall: 'Hall settings', tabHardware: 'Hardware', tabConfig: 'Import / export', tabAudit: 'Audit',
  add: 'Add', edit: 'Edit', save: 'Save', cancel: 'Cancel', delete: 'Delete', saved: 'Saved', confirmDelete: 'Delete {name}?', actions: 'Actions',
  name: 'Name', nameEn: 'English name (English mode; optional)', prefix: 'Prefix', department: 'Department', normMinutes: 'Norm minutes', enabled: 'Enabled', disabled: 'Disabled', materials: 'Materials (one-time notice)',
  enable: 'Enable', disable: 'Disable', waiting: 'Waiting', position: 'Order',
  number: 'Number', zone: 'Zone', services: 'Services (in order)', primaryStaff: 'Primary (A)', substituteStaff: 'Substitute (B)', status: 'Status', up: 'Up', down: 'Down',
  open: 'Open', paused: 'Paused', closed: 'Closed',
  employeeNo: 'Employee no.', role: 'Role', roleStaff: 'Window staff', roleManager: 'Manager', roleAdmin: 'Admin', windows: 'Windows (A)', substituteWindows: 'Windows (B)',
  newPassword: 'Initial password (6+)', resetPassword: 'Reset password', passwordPrompt: 'New password (6+ characters):', photo: 'Photo', choosePhoto: 'Choose photo', photoTooBig: 'Photo too large (about 150 KB at most)',
  kind: 'Kind', kindKiosk: 'Kiosk', kindDisplay: 'Display', kindEvaluator: 'Evaluator', kindAgent: 'Device agent', window: 'Window', lastSeen: 'Last seen', never: 'never',
  rotate: 'New token', revoke: 'Revoke', revoked: 'Revoked', tokenOnce: 'Device token (shown only this once — set it on the device now):', health: 'Health',
  hallName: 'Hall name', notice: 'Scrolling notice', zones: 'Zones (floors)', departments: 'Departments', policy: 'Calling policy', newZone: 'New zone name', newDepartment: 'New department name',
  priorityBurst: 'Priority calls in a row (max)', ageLimitMinutes: 'Age limit (minutes)', voiceTemplate: 'Voice template ({number} {window})', waitAlert: 'Wait alerts (minutes: impatient/annoyed/leaving)',
  callNextFinishesCurrent: 'Call-next finishes the current ticket', hardwareHelp: 'Serial buses and addressed hardware, as in the config file.', test: 'Test', testSent: 'Test sent: {id}',
  exportConfig: 'Export config file', importConfig: 'Import config file', importHelp: 'Choose or paste a config file (JSON); the diff is shown first and nothing is written until you confirm. Existing staff and devices may omit passwords and tokens.',
  chooseFile: 'Choose file', preview: 'Preview diff', apply: 'Apply import', noChanges: 'No differences', applied: '{n} changes imported',
  added: 'added', removed: 'removed', changed: 'changed', section: 'Section', fields: 'Fields', badJson: 'Not a valid JSON file',
  personName: 'Name', change: 'Change',
  auditAt: 'When', auditWho: 'Who', auditAction: 'Action', auditEntity: 'Entity', offline: 'Server unreachable', liveUpdated: 'Configuration changed elsewhere; refreshed',
};
