/**
 * The escalation ladder (督办) as pure rules: 催办 → 函告 → 通报 → 约谈 → 挂牌督办, in the order
 * 省生态环境厅 uses for lagging work. A ladder is the chain of steps on one subject (a unit, and a
 * task, a quarter or both); at most one of its steps is open. An open step only moves up — one
 * level or several — and moving up settles it; a subject with no open step starts a new ladder at
 * any level (after a closed ladder, usually at 催办 again). Who sees and does what is decided here
 * too; the data layer checks it on every read and write.
 */
import type { Role } from "@/lib/auth/roles";
import { daysBetween, quarterLabel, type Quarter } from "@/lib/core/quarters";
import { formatChineseDate } from "@/lib/core/dates";

export const ESCALATION_STEPS = ["REMIND", "LETTER", "CIRCULATE", "INTERVIEW", "LISTED"] as const;
export type EscalationStepName = (typeof ESCALATION_STEPS)[number];

export const STEP_LABELS: Record<EscalationStepName, string> = {
  REMIND: "催办",
  LETTER: "函告",
  CIRCULATE: "通报",
  INTERVIEW: "约谈",
  LISTED: "挂牌督办",
};

/** 1 催办 … 5 挂牌督办. */
export const stepLevel = (step: EscalationStepName): number => ESCALATION_STEPS.indexOf(step) + 1;

/** The step a subject's ladder stands at: the latest one, open or closed. */
export interface CurrentStep {
  step: EscalationStepName;
  closed: boolean;
}

/**
 * Steps the reviewer may take next on a subject: every level above an open step (moving up one
 * or more levels, never down or sideways); any level when nothing is open (a new ladder).
 */
export function allowedNextSteps(current: CurrentStep | null): EscalationStepName[] {
  if (!current || current.closed) return [...ESCALATION_STEPS];
  return ESCALATION_STEPS.filter((step) => stepLevel(step) > stepLevel(current.step));
}

/** Why `next` may not follow `current` (Chinese), or null when it may. */
export function nextStepRefusal(current: CurrentStep | null, next: EscalationStepName): string | null {
  if (allowedNextSteps(current).includes(next)) return null;
  // allowedNextSteps refuses only above an open step.
  const open = current!.step;
  if (open === "LISTED") return `该事项已挂牌督办（最高一级）且尚未办结，不能再${STEP_LABELS[next]}，请先办结`;
  const above = allowedNextSteps(current)
    .map((step) => STEP_LABELS[step])
    .join("、");
  const verb = next === open ? `不能重复${STEP_LABELS[next]}` : `不能降级为${STEP_LABELS[next]}`;
  return `该事项正在${STEP_LABELS[open]}（尚未办结），${verb}，只能升级为${above}`;
}

/** The kinds of document a step issues, by the step: 函告, 通报 and 挂牌督办 carry a 文号. */
const DOCUMENT_WORDS: Partial<Record<EscalationStepName, string>> = {
  LETTER: "函",
  CIRCULATE: "通",
  LISTED: "办",
};

/** The issuing organ of every document (发文机关) and its 代字 (赣环督). */
export const ISSUER = "江西省生态环境厅";
const ISSUER_CODE = "赣环督";

export const issuesDocument = (step: EscalationStepName): boolean => step in DOCUMENT_WORDS;

/** The 文号 up to the sequence number, the same for every document of a kind and year: "赣环督函〔2026〕". */
export function documentNumberPrefix(step: EscalationStepName, year: number): string | null {
  const word = DOCUMENT_WORDS[step];
  return word ? `${ISSUER_CODE}${word}〔${year}〕` : null;
}

/** 赣环督函〔2026〕1号 (函告), 赣环督通〔2026〕1号 (通报), 赣环督办〔2026〕1号 (挂牌督办); none for 催办 and 约谈. */
export function documentNumber(step: EscalationStepName, year: number, sequence: number): string | null {
  const prefix = documentNumberPrefix(step, year);
  return prefix ? `${prefix}${sequence}号` : null;
}

/** The sequence number of a 文号 this scheme wrote ("赣环督函〔2026〕12号" → 12), or null. */
export function documentSequence(text: string): number | null {
  const match = /^赣环督[函通办]〔\d{4}〕(\d+)号$/.exec(text);
  return match ? Number(match[1]) : null;
}

/** What a ladder is about, as a line reads it: "任务12 …（2026年第三季度）", "2026年第三季度进展报告". */
export function subjectText(subject: { task: { number: number; title: string } | null; quarter: Quarter | null }): string {
  const { task, quarter } = subject;
  if (task && quarter) return `任务${task.number}“${task.title}”${quarterLabel(quarter)}推进情况`;
  if (task) return `任务${task.number}“${task.title}”推进情况`;
  return quarter ? `${quarterLabel(quarter)}重点任务进展报告报送` : "";
}

interface Viewer {
  role: Role;
  unitId: number | null;
}

/** null: every unit's steps; otherwise the one unit whose steps the viewer reads. */
export function escalationScope(viewer: Viewer): { unitId: number | null } | "none" {
  if (viewer.role === "REVIEWER" || viewer.role === "LEADER") return { unitId: null };
  if ((viewer.role === "STAFF" || viewer.role === "UNIT_LEAD") && viewer.unitId !== null) return { unitId: viewer.unitId };
  return "none";
}

export function canReadEscalation(viewer: Viewer, step: { unitId: number }): boolean {
  const scope = escalationScope(viewer);
  return scope !== "none" && (scope.unitId === null || scope.unitId === step.unitId);
}

/** The unit's desk officers record what they did (落实情况) on an open step; the 单位负责人 reads only. */
export function canRespondEscalation(viewer: Viewer, step: { unitId: number; closed: boolean }): boolean {
  return !step.closed && viewer.role === "STAFF" && viewer.unitId !== null && viewer.unitId === step.unitId;
}

/** 省生态环境厅 moves a unit up the ladder and closes steps. */
export function canManageEscalation(viewer: Viewer): boolean {
  return viewer.role === "REVIEWER";
}

/**
 * How late the subject is on the day of the step: past the quarter's reporting window (its last
 * day given), past the task's deadline, or neither. Days are whole calendar days.
 */
export function latenessText(facts: {
  day: string;
  quarter: Quarter | null;
  windowClose: string | null;
  task: { deadlineText: string; deadlineDate: string } | null;
}): string {
  const parts: string[] = [];
  if (facts.task) {
    const over = daysBetween(facts.task.deadlineDate, facts.day);
    parts.push(
      `该任务完成时限为${facts.task.deadlineText}（${formatChineseDate(facts.task.deadlineDate)}）` +
        (over > 0 ? `，截至${formatChineseDate(facts.day)}已超过完成时限${over}天` : ""),
    );
  }
  if (facts.quarter && facts.windowClose) {
    const over = daysBetween(facts.windowClose, facts.day);
    parts.push(
      `${quarterLabel(facts.quarter)}进展报告报送截止日期为${formatChineseDate(facts.windowClose)}` +
        (over > 0 ? `，截至${formatChineseDate(facts.day)}已逾期${over}天` : "，尚在报送期内"),
    );
  }
  return parts.length ? `${parts.join("；")}。` : "";
}
