/** 配置管理界面的中文文字 (default language). */
export const zhCN = {
  title: '配置管理', hallQueue: '政务服务中心排队叫号系统', username: '用户名', password: '密码', login: '登录', loggingIn: '正在登录…',
  logout: '退出', changePassword: '修改密码', language: 'English', console: '窗口工作台', hall: '大厅', needManager: '配置管理需要大厅管理员或系统管理员账号。',
  tabServices: '事项', tabWindows: '窗口', tabStaff: '工作人员', tabDevices: '设备', tabHall: '大厅设置', tabHardware: '硬件', tabConfig: '导入导出', tabAudit: '操作记录',
  add: '新增', edit: '编辑', save: '保存', cancel: '取消', delete: '删除', saved: '已保存', confirmDelete: '确定删除 {name}？', actions: '操作',
  name: '名称', nameEn: '英文名称（英文模式显示，可不填）', prefix: '号段字母', department: '部门', normMinutes: '标准办理时长(分钟)', enabled: '启用', disabled: '已停用', materials: '一次性告知材料',
  enable: '启用', disable: '停用', waiting: '等候', position: '排序',
  number: '窗口号', zone: '区域', services: '办理事项(按优先顺序)', primaryStaff: 'A岗', substituteStaff: 'B岗', status: '状态', up: '上移', down: '下移',
  open: '开放', paused: '暂停', closed: '关闭',
  employeeNo: '工号', role: '角色', roleStaff: '窗口人员', roleManager: '大厅管理员', roleAdmin: '系统管理员', windows: 'A岗窗口', substituteWindows: 'B岗窗口',
  newPassword: '初始密码(至少 6 位)', resetPassword: '重置密码', passwordPrompt: '新密码(至少 6 位)：', photo: '照片', choosePhoto: '选择照片', photoTooBig: '照片太大(最多约 150 KB)',
  kind: '类型', kindKiosk: '取号机', kindDisplay: '显示屏', kindEvaluator: '评价器', kindAgent: '设备代理', window: '窗口', lastSeen: '最近在线', never: '从未',
  rotate: '更换令牌', revoke: '吊销', revoked: '已吊销', tokenOnce: '设备令牌(只显示这一次，请立即配置到设备上)：', health: '状态',
  hallName: '大厅名称', notice: '滚动通知', zones: '区域(楼层)', departments: '进驻部门', policy: '叫号策略', newZone: '新区域名称', newDepartment: '新部门名称',
  priorityBurst: '优先号连续叫号上限', ageLimitMinutes: '最长等候(分钟)，超过即优先', voiceTemplate: '语音模板({number} {window})', waitAlert: '等候预警(分钟：不耐烦/烦躁/离开)',
  callNextFinishesCurrent: '呼叫下一位时自动办结当前号', hardwareHelp: '串口总线(buses)与地址设备(hardware)，格式同配置文件。', test: '测试', testSent: '已发送测试：{id}',
  exportConfig: '导出配置文件', importConfig: '导入配置文件', importHelp: '选择或粘贴配置文件(JSON)，先预览差异，确认后才会写入。已有人员和设备可不写密码和令牌。',
  chooseFile: '选择文件', preview: '预览差异', apply: '确认导入', noChanges: '没有差异', applied: '已导入 {n} 项变更',
  added: '新增', removed: '删除', changed: '修改', section: '类别', fields: '字段', badJson: '不是有效的 JSON 文件',
  personName: '姓名', change: '变更',
  auditAt: '时间', auditWho: '操作人', auditAction: '操作', auditEntity: '对象', offline: '无法连接服务器', liveUpdated: '配置已由他人更新，已刷新',
  tabHaocha: '好差评对接', haochaCounts: '待推送 {pending} · 已推送 {sent} · 失败 {failed}', haochaKind: '类型', haochaTicket: '号码', haochaStatus: '状态', haochaAttempts: '尝试次数', haochaError: '最近错误',
  haochaRating: '评价', haochaCallback: '差评回访', haochaRectified: '差评整改', haochaVisitorRating: '回访评价', haochaSent: '已推送', haochaPending: '待推送', haochaFailed: '失败',
} as const;

export type AdminKey = keyof typeof zhCN;
