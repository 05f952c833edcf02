/**
 * The audit log as a person reads it: every action string the code records, every entity and
 * every field of a before/after, named in Chinese; values translated (statuses, roles, yes/no,
 * moments in China time). Pure: the page and the Excel export share it.
 */
import { formatChinaTime } from "@/lib/core/dates";
import { PROGRESS_STATE_LABELS, REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { ROLE_LABELS } from "@/lib/auth/roles";

/** Every action string the code records (tests/unit/audit-labels.test.ts checks the code against it). */
export const ACTION_LABELS: Record<string, string> = {
  "report.save": "保存报告草稿",
  "report.submit": "提交进展报告",
  "report.resubmit": "重新提交进展报告",
  "report.withdraw": "撤回进展报告",
  "report.accept": "审核通过进展报告",
  "report.return": "退回进展报告",
  "report.pass_on": "牵头单位审核通过，转报省生态环境厅",
  "report.lead_return": "牵头单位退回进展报告",
  "report.unlock": "解锁已通过的进展报告",
  "check.record": "销号核查",
  "milestone.report": "季度报告记录节点完成情况",
  "milestone.reopen": "销号核查未通过，节点重新打开",
  "report.carry_forward": "本季度无新进展，沿用上季度内容",
  "measureList.save": "保存举措清单草稿",
  "measureList.submit": "提交举措清单",
  "measureList.resubmit": "重新提交举措清单",
  "measureList.change": "修改已通过的举措清单（附修改原因）",
  "measureList.pass_on": "牵头单位审核通过举措清单，转报省生态环境厅",
  "measureList.lead_return": "牵头单位退回举措清单",
  "measureList.accept": "审核通过举措清单",
  "measureList.return": "退回举措清单",
  "unitReport.save": "保存年度工作情况报告草稿",
  "unitReport.submit": "提交年度工作情况报告",
  "unitReport.resubmit": "重新提交年度工作情况报告",
  "unitReport.accept": "审核通过年度工作情况报告",
  "unitReport.return": "退回年度工作情况报告",
  "unitReport.unlock": "解锁已通过的年度工作情况报告",
  "unitReport.deadline": "设置年度工作情况报告报送截止日期",
  "evaluation.freeze": "冻结年度进展评估",
  "assessment.scheme_save": "保存成效考核方案",
  "assessment.start": "启动成效考核评分（锁定方案）",
  "assessment.recompute": "重新计算成效考核自动项目",
  "assessment.self_save": "保存成效考核自评",
  "assessment.self_submit": "提交成效考核自评",
  "assessment.score": "成效考核评分",
  "assessment.confirm": "确认成效考核结果",
  "assessment.unlock": "解锁成效考核结果",
  "import.meili-measures": "Excel 导入举措清单",
  "evidence.add": "上传佐证材料",
  "evidence.remove": "删除佐证材料",
  "observation.submit": "提交指标数值",
  "observation.accept": "审核通过指标数值",
  "observation.return": "退回指标数值",
  "observation.accept_from_report": "随进展报告通过的指标数值",
  "observation.conflict": "报告数值与已通过数值不一致，待裁定",
  "observation.conflict_keep": "裁定数值冲突：保留原数值",
  "observation.conflict_replace": "裁定数值冲突：采用报告数值",
  "reminder.remind": "催办",
  "reminder.circulate": "通报",
  "import.meili-progress": "Excel 导入进展报告",
  "import.meili-observations": "Excel 导入指标数值",
  "annualReport.edit": "修改年度报告",
  "user.create": "创建账号",
  "user.activate": "启用账号",
  "user.deactivate": "停用账号",
  "user.update": "修改账号信息",
  "user.password_reset": "重置密码",
  "auth.signin": "登录成功",
  "auth.signin_failed": "登录失败（密码错误）",
  "auth.lockout": "连续登录失败，账号在该地址锁定",
  "auth.locked": "锁定期间尝试登录，被拒绝",
  "auth.rate_limited": "该地址失败次数过多，被拒绝",
  "auth.signout": "退出登录",
  "auth.password_change": "修改密码",
  "auth.password_change_failed": "修改密码失败（当前密码错误）",
  "auth.oidc_refused": "统一身份认证登录被拒绝",
  "user.identity_link": "关联统一身份认证账号",
  "user.identity_unlink": "解除统一身份认证账号关联",
  "access.denied": "无权访问，被拒绝",
  "apiToken.issue": "签发 API 令牌",
  "apiToken.revoke": "吊销 API 令牌",
  "setting.update": "修改系统设置",
  "task.setLeadUnit": "设置牵头单位",
  "task.amend": "调整计划（完成时限、责任单位或牵头单位）",
  "task.amend_applied": "待生效的计划调整到期执行",
  "task.amend_failed": "待生效的计划调整未能执行",
  "task.amend_cancel": "撤销待生效的计划调整",
  "coordination.raise": "提出需协调事项",
  "coordination.reply": "答复需协调事项",
  "coordination.close": "办结需协调事项",
  "escalation.raise": "督办（催办、函告、通报、约谈或挂牌督办）",
  "escalation.respond": "填报督办落实情况",
  "escalation.close": "办结督办事项",
  "audit.export": "导出审计日志",
  "contact.update": "修改本人通知设置",
  "unitNoticeDefault.update": "修改单位通知默认设置",
  "notice.requeue": "重新发送失败的通知",
  "notice.escalate": "无人处理的通知自动逐级提醒（单位负责人、省生态环境厅）",
  export: "导出文件",
};

export const ENTITY_LABELS: Record<string, string> = {
  ProgressReport: "进展报告",
  CompletionCheck: "销号核查",
  IndicatorObservation: "指标数值",
  ObservationConflict: "指标数值冲突",
  Reminder: "催办/通报",
  User: "账号",
  Permission: "权限",
  ApiToken: "API 令牌",
  Setting: "系统设置",
  Task: "重点任务",
  AnnualReport: "年度报告",
  CoordinationIssue: "需协调事项",
  Escalation: "督办事项",
  ImportBatch: "Excel 导入",
  AuditLog: "审计日志",
  MeasureList: "举措清单",
  Milestone: "节点",
  UnitAnnualReport: "单位年度工作情况报告",
  UnitReportRound: "年度工作情况报告报送轮次",
  ProgressEvaluation: "年度进展评估",
  AssessmentScheme: "成效考核方案",
  AssessmentResult: "成效考核结果",
  Export: "导出",
  ContactPreference: "通知设置",
  UnitNoticeDefault: "单位通知默认设置",
  NoticeDelivery: "通知发送记录",
  Notice: "通知",
};

/** The permission a denial names (lib/auth/roles.ts), as the menu calls it. */
export const PERMISSION_LABELS: Record<string, string> = {
  "plan:read": "浏览重点任务",
  "plan:edit": "设置牵头单位与计划调整",
  "users:manage": "用户管理",
  "settings:manage": "系统设置",
  "audit:read": "审计日志",
  "report:read": "查看进展报告",
  "report:write": "填报进展报告",
  "dashboard:read": "总览",
  "annual:read": "查看年度报告",
  "annual:edit": "编辑年度报告",
  "report:review": "审核与催办",
  "evaluation:read": "查看进展评估",
  "evaluation:freeze": "冻结进展评估",
  "assessment:read": "查看成效考核",
  "assessment:score": "成效考核评分",
  "assessment:sheet": "查看成效考核评分表",
  "assessment:self": "成效考核自评",
  "coordination:read": "查看需协调事项",
  "coordination:raise": "提出需协调事项",
  "report:lead-review": "牵头单位审核",
  "notice:read": "收件箱与通知设置",
};

/** Verbs of action strings not (yet) in the table, so a new action still reads as Chinese. */
const VERB_LABELS: Record<string, string> = {
  create: "创建",
  update: "修改",
  edit: "修改",
  delete: "删除",
  remove: "删除",
  submit: "提交",
  accept: "审核通过",
  return: "退回",
  decide: "裁定",
  reset: "重置",
  resetPassword: "重置密码",
  issue: "签发",
  revoke: "吊销",
  export: "导出",
};

/** "审核通过进展报告"; an action missing from the table reads "<verb><entity>" rather than its code. */
export function actionLabel(action: string, entity?: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const verb = action.split(".").at(-1) ?? action;
  const object = entity ? (ENTITY_LABELS[entity] ?? "") : "";
  return VERB_LABELS[verb] ? `${VERB_LABELS[verb]}${object}` : `其他操作（${action}）`;
}

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export const FIELD_LABELS: Record<string, string> = {
  status: "状态",
  progressState: "进展状态",
  percent: "完成百分比",
  progress: "工作进展",
  problems: "存在问题",
  nextSteps: "下步计划",
  reviewComment: "审核意见",
  comment: "审核意见",
  figures: "指标数值",
  evidence: "佐证材料",
  carriedFrom: "沿用的报告",
  id: "编号",
  value: "数值",
  reportedValue: "报告中的数值",
  source: "来源",
  note: "说明",
  demo: "示例数据",
  unit: "单位",
  quarter: "季度",
  message: "内容",
  level: "方式",
  name: "名称",
  username: "账号",
  displayName: "姓名",
  role: "角色",
  active: "启用",
  windowDays: "报送窗口（季度结束后天数）",
  leadUnit: "牵头单位",
  deadlineText: "完成时限",
  deadlineDate: "完成时限日期",
  units: "责任单位",
  authority: "依据文件",
  effectiveDate: "生效日期",
  reviewLevels: "审核层级",
  subject: "核查对象",
  checkedOn: "核查日期",
  method: "核查方式",
  passed: "核查通过",
  finding: "核查发现",
  fileName: "文件名",
  mediaType: "文件类型",
  size: "大小（字节）",
  sha256: "SHA-256",
  evidenceId: "佐证材料编号",
  rows: "行数",
  address: "客户端地址",
  reason: "原因",
  during: "场景",
  failuresForAccountFromAddress: "该地址对该账号的失败次数",
  failuresFromAddress: "该地址的失败次数",
  failuresForAccount: "该账号的失败次数",
  lockedUntil: "锁定至",
  delaySeconds: "等待（秒）",
  signedOutEverywhere: "已退出全部会话",
  generated: "系统生成密码",
  signInHelp: "登录页忘记密码说明",
  mustChangePassword: "下次登录须修改密码",
  sessionsEnded: "结束的会话数",
  filters: "筛选条件",
  intro: "总体情况",
  signOff: "落款",
  measures: "举措与节点",
  task: "任务",
  title: "事项名称",
  detail: "具体问题",
  addressedTo: "协调对象",
  deadline: "期望办结日期",
  reportId: "报告编号",
  closingNote: "办结说明",
  milestones: "节点完成情况",
  milestone: "节点",
  outcome: "完成情况",
  doneDate: "完成日期",
  newDate: "新的计划完成日期",
  lateReason: "滞后原因",
  dropReason: "取消原因",
  requiredAction: "整改要求",
  rectifyBy: "整改期限",
  documentNumber: "文号",
  response: "落实情况",
  previousId: "上一步督办",
  email: "邮箱",
  webhookAddress: "消息推送账号",
  emailEnabled: "接收邮件通知",
  webhookEnabled: "接收消息推送",
  quietStart: "免打扰开始",
  quietEnd: "免打扰结束",
  webhookUrl: "消息推送地址",
  webhookOn: "启用消息推送",
  webhookSecret: "消息推送共享密钥",
  channel: "发送渠道",
  attempts: "已尝试次数",
  via: "登录方式",
  issuer: "统一身份认证服务",
  externalSubject: "统一身份认证账号标识",
  automatic: "自动关联",
  claim: "自动关联依据的字段",
  autoLinked: "本次登录时自动关联",
  linkedAt: "关联时间",
};

const VALUE_LABELS: Record<string, string> = {
  ...REPORT_STATUS_LABELS,
  ...PROGRESS_STATE_LABELS,
  ...ROLE_LABELS,
  PLANNED: "按计划/未到期",
  DONE: "已完成",
  LATE: "滞后",
  DROPPED: "已取消",
  REMIND: "催办",
  OPEN: "待答复",
  ANSWERED: "已答复",
  CLOSED: "已办结",
  CIRCULATE: "通报",
  LETTER: "函告",
  INTERVIEW: "约谈",
  LISTED: "挂牌督办",
  "password change": "修改密码",
  "wrong password": "密码错误",
  "unknown user": "账号不存在",
  inactive: "账号已停用",
  "wrong current password": "当前密码错误",
  PENDING: "待发送",
  RETRYING: "重试中",
  SENT: "已发送",
  FAILED: "失败",
  EMAIL: "邮件",
  WEBHOOK: "消息推送",
  oidc: "统一身份认证",
  "unlinked identity": "统一身份认证账号未关联本系统账号",
  "no auto-link claim": "身份信息中没有用于自动关联的字段",
  "no account named by the claim": "没有与之同名的本系统账号",
  "account already linked": "同名账号已关联其他统一身份认证账号",
  "issuer differs from OIDC_ISSUER": "身份提供方与配置的 OIDC_ISSUER 不一致",
};

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** What a person reads for a stored value: labels for codes, 是/否, China time, lists joined. */
export function valueText(value: unknown, names: AuditNames = NO_NAMES): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (ISO_MOMENT.test(value)) return formatChinaTime(new Date(value));
    return VALUE_LABELS[value] ?? value;
  }
  if (Array.isArray(value)) return value.length ? value.map((item) => valueText(item, names)).join("；") : "无";
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.fileName === "string") return record.fileName;
    return Object.entries(record)
      .map(([key, item]) => `${fieldLabel(key)}：${valueText(item, names)}`)
      .join("，");
  }
  return typeof value === "bigint" ? value.toString() : "—";
}

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}

/** Names the diff needs that the stored JSON only holds codes for. */
export interface AuditNames {
  indicators: ReadonlyMap<string, string>;
}
const NO_NAMES: AuditNames = { indicators: new Map() };

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

interface Figure {
  indicator: string;
  value?: string | number;
  period?: string;
  note?: string;
}

const isFigureList = (value: unknown): value is Figure[] =>
  Array.isArray(value) && value.every((item) => item && typeof item === "object" && typeof (item as Figure).indicator === "string");

function figureText(figure: Figure | undefined): string {
  if (!figure) return "—";
  const note = figure.note ? `，${figure.note}` : "";
  return `${figure.value ?? ""}（${figure.period ?? ""}${note}）`;
}

/** The version counter is bookkeeping for concurrency, not something a reader compares. */
const HIDDEN_FIELDS = new Set(["version"]);

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : value == null ? {} : { value };

/**
 * Before and after as a field-by-field difference, Chinese field names: only the fields that
 * changed (every field of a creation), report figures one per indicator.
 */
export function auditDifferences(before: unknown, after: unknown, names: AuditNames = NO_NAMES): FieldChange[] {
  const old = asRecord(before);
  const now = asRecord(after);
  const keys = [...new Set([...Object.keys(now), ...Object.keys(old)])].filter((key) => !HIDDEN_FIELDS.has(key));
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (key === "figures" && isFigureList(old[key] ?? []) && isFigureList(now[key] ?? [])) {
      const oldFigures = new Map(((old[key] ?? []) as Figure[]).map((figure) => [figure.indicator, figure]));
      const newFigures = new Map(((now[key] ?? []) as Figure[]).map((figure) => [figure.indicator, figure]));
      for (const code of new Set([...newFigures.keys(), ...oldFigures.keys()])) {
        const from = figureText(oldFigures.get(code));
        const to = figureText(newFigures.get(code));
        if (from !== to) changes.push({ field: `指标数值：${names.indicators.get(code) ?? code}`, before: from, after: to });
      }
      continue;
    }
    const from = key in old ? valueText(old[key], names) : "—";
    const to = key in now ? valueText(now[key], names) : "—";
    if (from !== to) changes.push({ field: fieldLabel(key), before: from, after: to });
  }
  return changes;
}

/** The difference as one line per field, for a spreadsheet cell. */
export function differenceText(changes: readonly FieldChange[]): string {
  return changes.map((change) => `${change.field}：${change.before} → ${change.after}`).join("\n");
}
