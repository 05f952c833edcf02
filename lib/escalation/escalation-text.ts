/**
 * The words of a 函告, 通报 or 挂牌督办 notice, one place for the Word document and the step's page:
 * title, 主送, why (the reviewer's reason and the facts: the task or quarter and how late), what
 * came before on the ladder, the required action with its deadline, the contact line and the
 * sign-off (发文机关 and 成文日期 in 2026年12月2日 form). Pure.
 */
import { formatChineseDate } from "@/lib/core/dates";
import { paragraphs } from "@/lib/annual/annual-text";
import { ISSUER, STEP_LABELS, type EscalationStepName } from "./rules";

export interface NoticeFacts {
  step: EscalationStepName;
  documentNumber: string | null;
  unit: { shortName: string; name: string };
  /** "任务12“…”2026年第三季度推进情况". */
  subject: string;
  reason: string;
  requiredAction: string;
  deadline: string;
  /** How late, as latenessText() words it (may be empty). */
  lateness: string;
  /** The China-time day of the step. */
  day: string;
  /** The earlier steps of the ladder, first to last. */
  earlier: { step: EscalationStepName; day: string; documentNumber: string | null }[];
  contact: { name: string; email: string | null };
}

export interface NoticeText {
  title: string;
  /** 主送机关, with its colon. */
  recipient: string;
  opening: string;
  sections: { heading: string; paragraphs: string[] }[];
  contact: string;
  issuer: string;
  date: string;
}

const PLAN = "《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号）";

function title(facts: NoticeFacts): string {
  switch (facts.step) {
    case "CIRCULATE":
      return `关于${facts.unit.shortName}${facts.subject}滞后情况的通报`;
    case "LISTED":
      return `关于对${facts.unit.shortName}${facts.subject}实行挂牌督办的通知`;
    default:
      return `关于督促加快${facts.subject}的函`;
  }
}

function opening(facts: NoticeFacts): string {
  const verb = facts.step === "CIRCULATE" ? "通报如下" : facts.step === "LISTED" ? "决定实行挂牌督办，现将有关事项通知如下" : "函告如下";
  return `根据${PLAN}和重点任务调度工作安排，我厅对${facts.unit.shortName}${facts.subject}进行了跟踪督办。现${verb}：`;
}

function history(facts: NoticeFacts): string {
  if (facts.earlier.length === 0) return "";
  const steps = facts.earlier.map(
    (step) => `${formatChineseDate(step.day)}${STEP_LABELS[step.step]}${step.documentNumber ? `（${step.documentNumber}）` : ""}`,
  );
  return `此前，我厅已于${steps.join("、")}，相关工作仍未达到要求。`;
}

export function noticeText(facts: NoticeFacts): NoticeText {
  const basics = [`督办事项为${facts.subject}。${facts.lateness}`, history(facts)].filter(Boolean);
  const deadline = formatChineseDate(facts.deadline);
  return {
    title: title(facts),
    recipient: `${facts.unit.name}：`,
    opening: opening(facts),
    sections: [
      { heading: "一、基本情况", paragraphs: basics },
      { heading: "二、督办事由", paragraphs: paragraphs(facts.reason) },
      {
        heading: "三、整改要求",
        paragraphs: [
          ...paragraphs(facts.requiredAction),
          `请于${deadline}前完成整改，并将落实情况书面报送我厅，同时在美丽江西建设推进管理平台填报落实情况。`,
        ],
      },
    ],
    contact: `联系人：${facts.contact.name}${facts.contact.email ? `，电子邮箱：${facts.contact.email}` : ""}。`,
    issuer: ISSUER,
    date: formatChineseDate(facts.day),
  };
}
