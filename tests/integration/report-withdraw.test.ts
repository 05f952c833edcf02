/**
 * 撤回 against a real database: staff of the unit take a submitted report back to a draft until
 * the reviewer acts on it; each withdrawal is a version with its revision and audit row; every
 * refusal is Chinese and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { getReportDetail, listReports, scopeOf } from "@/lib/reports/read-reports";
import { reviewReports } from "@/lib/review/review-reports";
import { saveReport } from "@/lib/reports/save-report";
import { withdrawReport } from "@/lib/reports/withdraw-report";
import { AppError, StaleWriteError } from "@/lib/core/errors";
import { saveReportSchema, withdrawReportSchema } from "@/lib/reports/schemas";
import { reviewSchema } from "@/lib/review/schemas";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());

const TODAY = "2026-11-25";
const QUARTER = "2025Q2";
const users: Record<string, SessionUser> = {};
let reviewerName = "";
beforeAll(async () => {
  for (const username of ["yingtan", "xinyu", "reviewer"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true, displayName: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
    if (username === "reviewer") reviewerName = row.displayName;
  }
});

/** A report of 鹰潭市 on `task`, saved once and submitted: version 2. */
async function submitted(task: number) {
  const fields = { taskNumber: String(task), quarter: QUARTER, progressState: "ON_TRACK", percent: "50", progress: "按计划推进。" };
  const draft = await saveReport(saveReportSchema.parse({ ...fields, version: "0" }), users.yingtan!, TODAY);
  return saveReport(saveReportSchema.parse({ ...fields, version: String(draft.version), intent: "submit" }), users.yingtan!, TODAY);
}

const withdraw = (ref: { id: number; version: number }, user = users.yingtan!) =>
  withdrawReport(withdrawReportSchema.parse({ reportId: String(ref.id), version: String(ref.version) }), user);

const review = (decision: "accept" | "return", ref: { id: number; version: number }) =>
  reviewReports(
    reviewSchema.parse({ reports: `${ref.id}:${ref.version}`, decision, comment: decision === "return" ? "请补充" : "" }),
    users.reviewer!,
  );

/** Everything a refusal must leave as it was. */
const footprint = async (id: number) => ({
  report: await db.progressReport.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, submittedAt: true } }),
  revisions: await db.reportRevision.count({ where: { reportId: id } }),
  audits: await db.auditLog.count({ where: { entity: "ProgressReport", entityId: String(id) } }),
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("withdrawing a submitted report", () => {
  it("makes it a draft again, with a revision and an audit row, out of the reviewer's sight and editable", async () => {
    const report = await submitted(22);
    expect(report).toMatchObject({ status: "SUBMITTED", version: 2 });
    const queue = () =>
      listReports(scopeOf(users.reviewer!), { status: "SUBMITTED", unit: "yingtan", quarter: { year: 2025, quarter: 2 } });
    expect((await queue()).map((row) => row.id)).toContain(report.id);

    expect(await withdraw(report)).toMatchObject({ id: report.id, version: 3, taskNumber: 22 });

    expect(
      await db.progressReport.findUniqueOrThrow({ where: { id: report.id }, select: { status: true, version: true, submittedAt: true } }),
    ).toEqual({ status: "DRAFT", version: 3, submittedAt: null });
    expect(
      await db.reportRevision.findFirstOrThrow({
        where: { reportId: report.id },
        orderBy: { version: "desc" },
        select: { version: true, action: true, status: true, actorId: true },
      }),
    ).toEqual({ version: 3, action: "report.withdraw", status: "DRAFT", actorId: users.yingtan!.id });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "ProgressReport", entityId: String(report.id) },
      orderBy: { id: "desc" },
      select: { action: true, actorId: true, before: true, after: true },
    });
    expect(audit).toMatchObject({
      action: "report.withdraw",
      actorId: users.yingtan!.id,
      before: { status: "SUBMITTED", progress: "按计划推进。" },
      after: { status: "DRAFT", progress: "按计划推进。", version: 3 },
    });

    // The reviewer's queue no longer lists it, and a draft is not the reviewer's to read.
    expect((await queue()).map((row) => row.id)).not.toContain(report.id);
    expect(await getReportDetail(report.id, users.reviewer!)).toBeNull();
    expect(await getReportDetail(report.id, users.yingtan!)).toMatchObject({ editable: true, withdrawable: false });

    // Changed and submitted again: a submission (not a resubmission after a return).
    const again = await saveReport(
      saveReportSchema.parse({
        taskNumber: "22",
        quarter: QUARTER,
        version: "3",
        intent: "submit",
        progressState: "ON_TRACK",
        percent: "55",
        progress: "修改后提交。",
      }),
      users.yingtan!,
      TODAY,
    );
    expect(again).toMatchObject({ status: "SUBMITTED", version: 4 });
    expect(
      (await db.reportRevision.findFirstOrThrow({ where: { reportId: report.id, version: 4 }, select: { action: true } })).action,
    ).toBe("report.submit");
  });

  it("is refused once the reviewer has accepted it or returned it, naming the reviewer, and changes nothing", async () => {
    const accepted = await submitted(24);
    await review("accept", accepted);
    const before = await footprint(accepted.id);
    const late = await refusal(withdraw({ id: accepted.id, version: 3 }));
    expect(late.code).toBe("CONFLICT");
    expect(late.message).toMatch(new RegExp(`^撤回未成功：${reviewerName} 已于 .* 审核通过了该报告，审核后不能再撤回。$`));
    expect(await footprint(accepted.id)).toEqual(before);

    const returned = await submitted(26);
    await review("return", returned);
    const stillReturned = await footprint(returned.id);
    // From a page loaded before the return (version 2) and from a fresh one (version 3) alike.
    for (const version of [2, 3]) {
      const refused = await refusal(withdraw({ id: returned.id, version }));
      expect(refused.message).toMatch(/退回了该报告，无需撤回，可直接修改后重新提交。$/);
    }
    expect(await footprint(returned.id)).toEqual(stillReturned);
  });

  it("is refused for another unit, for the reviewer, for a draft and for an outdated version, changing nothing", async () => {
    const report = await submitted(27);
    const before = await footprint(report.id);

    const otherUnit = await refusal(withdraw(report, users.xinyu));
    expect([otherUnit.code, otherUnit.message]).toEqual(["NOT_FOUND", "报告不存在"]);
    const reviewer = await refusal(withdraw(report, users.reviewer));
    expect([reviewer.code, reviewer.message]).toEqual(["FORBIDDEN", "只有本单位的填报人可以撤回报告"]);
    const outdated = await refusal(withdraw({ id: report.id, version: 1 }));
    expect(outdated).toBeInstanceOf(StaleWriteError);
    expect(outdated.message).toMatch(/^撤回未成功：鹰潭市填报人 已于 .* 修改了该报告，请刷新后查看。$/);
    expect(await footprint(report.id)).toEqual(before);

    await withdraw(report);
    const twice = await refusal(withdraw({ id: report.id, version: 3 }));
    expect(twice.message).toBe("该报告是草稿（尚未提交或已撤回），无需撤回。");
    expect((await footprint(report.id)).revisions).toBe(before.revisions + 1);
  });
});
