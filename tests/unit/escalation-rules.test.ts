/**
 * The escalation ladder's pure rules: which steps may follow (up one or more levels, never down,
 * any level for a new ladder), the 文号 of each kind, who sees and does what, and the words of the
 * facts and of the Word notice.
 */
import { describe, expect, it } from "vitest";
import {
  allowedNextSteps,
  canManageEscalation,
  canReadEscalation,
  canRespondEscalation,
  documentNumber,
  documentNumberPrefix,
  documentSequence,
  escalationScope,
  latenessText,
  nextStepRefusal,
  subjectText,
} from "@/lib/escalation/rules";
import { noticeText, type NoticeFacts } from "@/lib/escalation/escalation-text";
import { escalateSchema, closeSchema } from "@/lib/escalation/schemas";

describe("the next step on a ladder", () => {
  it("offers every level for a subject without an open step (a new ladder, or one restarted after closing)", () => {
    expect(allowedNextSteps(null)).toEqual(["REMIND", "LETTER", "CIRCULATE", "INTERVIEW", "LISTED"]);
    expect(allowedNextSteps({ step: "LISTED", closed: true })).toEqual(["REMIND", "LETTER", "CIRCULATE", "INTERVIEW", "LISTED"]);
    expect(nextStepRefusal({ step: "INTERVIEW", closed: true }, "REMIND")).toBeNull();
  });

  it("moves an open step up one or more levels, never sideways or down", () => {
    expect(allowedNextSteps({ step: "REMIND", closed: false })).toEqual(["LETTER", "CIRCULATE", "INTERVIEW", "LISTED"]);
    expect(allowedNextSteps({ step: "CIRCULATE", closed: false })).toEqual(["INTERVIEW", "LISTED"]);
    expect(allowedNextSteps({ step: "LISTED", closed: false })).toEqual([]);
    expect(nextStepRefusal({ step: "REMIND", closed: false }, "LISTED")).toBeNull();
  });

  it("says in Chinese why a step may not follow", () => {
    expect(nextStepRefusal({ step: "LETTER", closed: false }, "REMIND")).toBe(
      "该事项正在函告（尚未办结），不能降级为催办，只能升级为通报、约谈、挂牌督办",
    );
    expect(nextStepRefusal({ step: "LETTER", closed: false }, "LETTER")).toBe(
      "该事项正在函告（尚未办结），不能重复函告，只能升级为通报、约谈、挂牌督办",
    );
    expect(nextStepRefusal({ step: "LISTED", closed: false }, "INTERVIEW")).toBe(
      "该事项已挂牌督办（最高一级）且尚未办结，不能再约谈，请先办结",
    );
  });
});

describe("document numbers", () => {
  it("numbers 函告, 通报 and 挂牌督办 per year and kind; 催办 and 约谈 issue no document", () => {
    expect(documentNumber("LETTER", 2026, 1)).toBe("赣环督函〔2026〕1号");
    expect(documentNumber("CIRCULATE", 2026, 12)).toBe("赣环督通〔2026〕12号");
    expect(documentNumber("LISTED", 2027, 3)).toBe("赣环督办〔2027〕3号");
    expect(documentNumber("REMIND", 2026, 1)).toBeNull();
    expect(documentNumber("INTERVIEW", 2026, 1)).toBeNull();
    expect(documentNumberPrefix("LETTER", 2026)).toBe("赣环督函〔2026〕");
  });

  it("reads back the sequence of a number it wrote, and nothing else", () => {
    expect(documentSequence("赣环督函〔2026〕12号")).toBe(12);
    expect(documentSequence("赣环督办〔2026〕1号")).toBe(1);
    expect(documentSequence("赣府厅字〔2026〕12号")).toBeNull();
    expect(documentSequence("赣环督函〔2026〕号")).toBeNull();
  });
});

describe("who sees and does what", () => {
  const step = { unitId: 7, closed: false };
  it("lets the reviewer and leaders read every unit's steps, staff and 单位负责人 only their own unit's", () => {
    expect(escalationScope({ role: "REVIEWER", unitId: 3 })).toEqual({ unitId: null });
    expect(escalationScope({ role: "LEADER", unitId: null })).toEqual({ unitId: null });
    expect(escalationScope({ role: "UNIT_LEAD", unitId: 7 })).toEqual({ unitId: 7 });
    expect(escalationScope({ role: "ADMIN", unitId: null })).toBe("none");
    expect(escalationScope({ role: "AUDITOR", unitId: null })).toBe("none");
    expect(canReadEscalation({ role: "STAFF", unitId: 7 }, step)).toBe(true);
    expect(canReadEscalation({ role: "STAFF", unitId: 8 }, step)).toBe(false);
    expect(canReadEscalation({ role: "UNIT_LEAD", unitId: 8 }, step)).toBe(false);
  });

  it("lets only the unit's staff respond, on an open step, and only the reviewer move up and close", () => {
    expect(canRespondEscalation({ role: "STAFF", unitId: 7 }, step)).toBe(true);
    expect(canRespondEscalation({ role: "STAFF", unitId: 7 }, { unitId: 7, closed: true })).toBe(false);
    expect(canRespondEscalation({ role: "STAFF", unitId: 8 }, step)).toBe(false);
    expect(canRespondEscalation({ role: "UNIT_LEAD", unitId: 7 }, step)).toBe(false);
    expect(canRespondEscalation({ role: "REVIEWER", unitId: 7 }, step)).toBe(false);
    expect(canManageEscalation({ role: "REVIEWER", unitId: 3 })).toBe(true);
    expect(canManageEscalation({ role: "LEADER", unitId: null })).toBe(false);
  });
});

describe("the words", () => {
  const task = { number: 12, title: "推进美丽河湖建设", deadlineText: "2026年底前", deadlineDate: "2026-12-31" };
  const quarter = { year: 2026, quarter: 3 as const };

  it("names the subject by its task, its quarter or both", () => {
    expect(subjectText({ task, quarter })).toBe("任务12“推进美丽河湖建设”2026年第三季度推进情况");
    expect(subjectText({ task, quarter: null })).toBe("任务12“推进美丽河湖建设”推进情况");
    expect(subjectText({ task: null, quarter })).toBe("2026年第三季度重点任务进展报告报送");
  });

  it("says how late: days past the reporting window and past the task's deadline", () => {
    expect(latenessText({ day: "2026-12-02", quarter, windowClose: "2026-10-10", task: null })).toBe(
      "2026年第三季度进展报告报送截止日期为2026年10月10日，截至2026年12月2日已逾期53天。",
    );
    expect(latenessText({ day: "2027-01-10", quarter: null, windowClose: null, task })).toBe(
      "该任务完成时限为2026年底前（2026年12月31日），截至2027年1月10日已超过完成时限10天。",
    );
    expect(latenessText({ day: "2026-10-05", quarter, windowClose: "2026-10-10", task })).toBe(
      "该任务完成时限为2026年底前（2026年12月31日）；2026年第三季度进展报告报送截止日期为2026年10月10日，尚在报送期内。",
    );
  });

  it("writes a 函告 addressed to the unit's full name, with its history, required action, deadline and date", () => {
    const facts: NoticeFacts = {
      step: "LETTER",
      documentNumber: "赣环督函〔2026〕1号",
      unit: { shortName: "南昌市", name: "中共南昌市委、南昌市人民政府" },
      subject: "2026年第三季度重点任务进展报告报送",
      reason: "第三季度进展报告仍未报齐。",
      requiredAction: "立即补报全部进展报告。\n明确专人负责。",
      deadline: "2026-12-16",
      lateness: "2026年第三季度进展报告报送截止日期为2026年10月10日，截至2026年12月2日已逾期53天。",
      day: "2026-12-02",
      earlier: [{ step: "REMIND", day: "2026-11-20", documentNumber: null }],
      contact: { name: "省生态环境厅审核人", email: "duban@sthjt.jiangxi.gov.cn" },
    };
    const text = noticeText(facts);
    expect(text.title).toBe("关于督促加快2026年第三季度重点任务进展报告报送的函");
    expect(text.recipient).toBe("中共南昌市委、南昌市人民政府：");
    expect(text.sections.map((section) => section.heading)).toEqual(["一、基本情况", "二、督办事由", "三、整改要求"]);
    expect(text.sections[0]!.paragraphs).toEqual([
      `督办事项为2026年第三季度重点任务进展报告报送。${facts.lateness}`,
      "此前，我厅已于2026年11月20日催办，相关工作仍未达到要求。",
    ]);
    expect(text.sections[2]!.paragraphs).toEqual([
      "立即补报全部进展报告。",
      "明确专人负责。",
      "请于2026年12月16日前完成整改，并将落实情况书面报送我厅，同时在美丽江西建设推进管理平台填报落实情况。",
    ]);
    expect(text.contact).toBe("联系人：省生态环境厅审核人，电子邮箱：duban@sthjt.jiangxi.gov.cn。");
    expect(text.issuer).toBe("江西省生态环境厅");
    expect(text.date).toBe("2026年12月2日");
    expect(noticeText({ ...facts, step: "CIRCULATE" }).title).toBe("关于南昌市2026年第三季度重点任务进展报告报送滞后情况的通报");
    expect(noticeText({ ...facts, step: "LISTED" }).title).toBe("关于对南昌市2026年第三季度重点任务进展报告报送实行挂牌督办的通知");
  });
});

describe("the forms' rules", () => {
  const valid = { unit: "nanchang", quarter: "2026Q3", step: "LETTER", reason: "未报齐", requiredAction: "补报", deadline: "2026-12-16" };

  it("needs a task or a quarter, and a real deadline", () => {
    expect(escalateSchema.safeParse(valid).success).toBe(true);
    const neither = escalateSchema.safeParse({ ...valid, quarter: "" });
    expect(neither.success).toBe(false);
    expect(neither.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["task", "请填写任务编号或选择季度（至少一项）"],
    ]);
    expect(escalateSchema.safeParse({ ...valid, deadline: "2026-02-30" }).error?.issues[0]?.message).toBe("请填写有效的整改期限");
    expect(escalateSchema.safeParse({ ...valid, step: "SHAME" }).error?.issues[0]?.message).toBe("请选择督办方式");
  });

  it("refuses to close a step without its outcome", () => {
    const parsed = closeSchema.safeParse({ escalationId: "1", version: "1", outcome: "  " });
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(["请填写办结结果"]);
  });
});
