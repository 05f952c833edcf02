/**
 * 计划调整 against a real database: an amendment of a task's deadline, responsible units or lead
 * unit writes the task (versioned), its TaskUnit rows, a PlanAmendment row and an audit row in one
 * transaction; reports, status and the dashboards follow the amended plan at once; refused input
 * changes nothing; the public task API lists the amendments. Task 58 is restored afterwards, so
 * the files after this one see the plan as seeded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amendTask, applyDueAmendments, cancelAmendment, listTaskAmendments } from "@/lib/plan/amendments";
import { setTaskLeadUnit } from "@/lib/plan/lead-unit";
import { amendTaskSchema } from "@/lib/plan/schemas";
import { getTaskStatus } from "@/lib/status/task-status";
import { taskStatuses } from "@/lib/dashboard/dashboard";
import { StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { TaskDetailBodySchema } from "@/lib/api/tasks.contract";
import * as taskRoute from "@/app/api/v1/tasks/[number]/route";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const TASK = 58;
const TODAY = "2026-11-25";
const NOW = "2026-11-25T12:00:00+08:00";
const AUTHORITY = "赣府厅字〔2026〕12号";

let adminId: number;
let original: {
  id: number;
  deadlineText: string;
  deadlineDate: Date;
  leadUnitId: number | null;
  units: { unitId: number; position: number }[];
};

beforeAll(async () => {
  adminId = (await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } })).id;
  original = await db.task.findUniqueOrThrow({
    where: { number: TASK },
    select: { id: true, deadlineText: true, deadlineDate: true, leadUnitId: true, units: { select: { unitId: true, position: true } } },
  });
});

afterAll(async () => {
  await db.$transaction([
    db.progressReport.deleteMany({ where: { taskId: original.id } }),
    db.planAmendment.deleteMany({ where: { taskId: original.id } }),
    db.taskUnit.deleteMany({ where: { taskId: original.id } }),
    db.taskUnit.createMany({ data: original.units.map((unit) => ({ ...unit, taskId: original.id })) }),
    db.task.update({
      where: { id: original.id },
      data: { deadlineText: original.deadlineText, deadlineDate: original.deadlineDate, leadUnitId: original.leadUnitId },
    }),
  ]);
  await db.$disconnect();
});

const taskRow = () =>
  db.task.findUniqueOrThrow({
    where: { number: TASK },
    select: {
      version: true,
      deadlineText: true,
      deadlineDate: true,
      leadUnit: { select: { code: true } },
      units: { orderBy: { position: "asc" }, select: { unit: { select: { code: true } } } },
    },
  });
const amendmentCount = () => db.planAmendment.count({ where: { taskId: original.id } });
const lastAudit = () => db.auditLog.findFirstOrThrow({ where: { entity: "Task", entityId: String(TASK) }, orderBy: { id: "desc" } });

async function amend(fields: Record<string, string | string[]>, today?: string) {
  const { version } = await taskRow();
  return amendTask(
    amendTaskSchema.parse({
      taskNumber: String(TASK),
      version: String(version),
      reason: "按省政府办公厅通知调整",
      authority: AUTHORITY,
      effectiveDate: "2026-12-02",
      ...fields,
    }),
    adminId,
    today,
  );
}

const statusOnDashboard = async () => (await taskStatuses(undefined, NOW)).tasks.find((task) => task.number === TASK)?.status;
const owesReport = async (year: number, quarter: number) => {
  const [row] = await db.$queryRaw<{ owes: boolean }[]>`
    SELECT meili_owes_report(t."deadlineDate", ${year}, ${quarter}) AS owes FROM "Task" t WHERE t.number = ${TASK}`;
  return row!.owes;
};

describe("an amendment of a task's deadline", () => {
  it("moves the deadline, records the amendment and its audit row, and the task's report quarters and status follow", async () => {
    const before = await taskRow();
    expect(before.deadlineDate.toISOString().slice(0, 10) > "2026-12-31").toBe(true);
    expect(await owesReport(2026, 4)).toBe(true);
    const statusBefore = await statusOnDashboard();
    expect(statusBefore).not.toBe("OVERDUE");

    const message = await amend({ kind: "DEADLINE", deadlineDate: "2026-06-30", deadlineText: "2026年6月底前" });
    expect(message).toContain("已将完成时限调整为2026年6月底前（2026年6月30日）");
    expect(message).toContain("2026年12月2日");

    const after = await taskRow();
    expect(after).toMatchObject({ version: before.version + 1, deadlineText: "2026年6月底前" });
    expect(after.deadlineDate.toISOString().slice(0, 10)).toBe("2026-06-30");

    const amendment = await db.planAmendment.findFirstOrThrow({ where: { taskId: original.id }, orderBy: { id: "desc" } });
    expect(amendment).toMatchObject({
      kind: "DEADLINE",
      before: { deadlineText: before.deadlineText, deadlineDate: before.deadlineDate.toISOString().slice(0, 10) },
      after: { deadlineText: "2026年6月底前", deadlineDate: "2026-06-30" },
      reason: "按省政府办公厅通知调整",
      authority: AUTHORITY,
      createdById: adminId,
    });
    expect(amendment.effectiveDate.toISOString().slice(0, 10)).toBe("2026-12-02");

    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "task.amend", actorId: adminId });
    expect(audit.after).toMatchObject({ deadlineDate: "2026-06-30", authority: AUTHORITY, effectiveDate: "2026-12-02" });

    // Reports: the task is no longer owed for 2026Q3 and Q4; status: its deadline passed unfinished.
    expect(await owesReport(2026, 2)).toBe(true);
    expect(await owesReport(2026, 3)).toBe(false);
    expect((await getTaskStatus(TASK, "2026-06-30", TODAY))?.status).toBe("OVERDUE");
    // The dashboard's snapshot was dropped by the Task trigger and rebuilt on the amended plan.
    expect(await statusOnDashboard()).toBe("OVERDUE");
  });

  it("refuses a deadline outside the plan's years, an unchanged deadline and a stale version, changing nothing", async () => {
    const before = await taskRow();
    const count = await amendmentCount();
    await expect(amend({ kind: "DEADLINE", deadlineDate: "2024-03-31", deadlineText: "2024年一季度" })).rejects.toThrow(
      "完成时限须在 2024年7月1日 至 2035年12月31日 之间",
    );
    await expect(amend({ kind: "DEADLINE", deadlineDate: "2026-06-30", deadlineText: "2026年6月底前" })).rejects.toThrow(
      "调整后的内容与现行计划相同",
    );
    const stale = amendTaskSchema.parse({
      kind: "DEADLINE",
      taskNumber: String(TASK),
      version: String(before.version - 1),
      reason: "再次调整",
      authority: AUTHORITY,
      effectiveDate: "2026-12-02",
      deadlineDate: "2027-06-30",
      deadlineText: "2027年6月底前",
    });
    const refusal = await amendTask(stale, adminId).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StaleWriteError);
    expect((refusal as Error).message).toMatch(/调整未保存：.+ 已于 .+ 修改了该任务/);
    expect(await taskRow()).toEqual(before);
    expect(await amendmentCount()).toBe(count);
  });

  it("refuses an amendment without its authorising document, reason or a real effective date", () => {
    const result = amendTaskSchema.safeParse({
      kind: "DEADLINE",
      taskNumber: String(TASK),
      version: "1",
      reason: " ",
      authority: "",
      effectiveDate: "2026-02-30",
      deadlineDate: "2027-06-30",
      deadlineText: "2027年6月底前",
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => `${String(issue.path[0])}:${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining(["reason:请填写调整原因", "authority:请填写依据文件文号", "effectiveDate:请填写有效的生效日期"]),
    );
  });
});

describe("an amendment of a task's responsible units and lead unit", () => {
  it("adds a unit and removes one, keeping the removed unit's reports and naming their count", async () => {
    const before = await taskRow();
    const codes = before.units.map((assignment) => assignment.unit.code);
    const leaving = codes.find((code) => code !== before.leadUnit?.code)!;
    const joining = (await db.unit.findFirstOrThrow({ where: { code: { notIn: codes } }, orderBy: { sortOrder: "asc" } })).code;
    const leavingUnit = await db.unit.findUniqueOrThrow({ where: { code: leaving }, select: { id: true, shortName: true } });
    const staff = await db.user.findFirstOrThrow({ where: { unitId: leavingUnit.id }, select: { id: true } });
    const report = await db.progressReport.create({
      data: {
        taskId: original.id,
        unitId: leavingUnit.id,
        year: 2026,
        quarter: 1,
        status: "ACCEPTED",
        progressState: "ON_TRACK",
        percent: 30,
        progress: "已开展前期工作。",
        updatedById: staff.id,
      },
    });

    const message = await amend({ kind: "UNITS", unitCodes: [...codes.filter((code) => code !== leaving), joining] });
    expect(message).toContain(`移出 ${leavingUnit.shortName}（已有 1 份进展报告，予以保留）`);

    const after = await taskRow();
    const afterCodes = after.units.map((assignment) => assignment.unit.code);
    expect(afterCodes).toContain(joining);
    expect(afterCodes).not.toContain(leaving);
    expect(afterCodes).toHaveLength(codes.length);
    expect(after.version).toBe(before.version + 1);
    expect(await db.progressReport.findUnique({ where: { id: report.id } })).not.toBeNull();
    const amendment = await db.planAmendment.findFirstOrThrow({ where: { taskId: original.id }, orderBy: { id: "desc" } });
    expect(amendment.kind).toBe("UNITS");
    expect((amendment.before as { units: string[] }).units).toContain(leavingUnit.shortName);
    expect((amendment.after as { units: string[] }).units).not.toContain(leavingUnit.shortName);
    // The removed unit no longer counts on the task's status.
    expect((await getTaskStatus(TASK, "2026-06-30", TODAY))?.units.map((unit) => unit.code)).not.toContain(leaving);
  });

  it("changes the lead unit, then refuses to remove it from the units, to name a unit not on the task, or to leave no unit", async () => {
    const before = await taskRow();
    const lead = before.units[0]!.unit.code;
    await amend({ kind: "LEAD_UNIT", unitCode: lead });
    expect((await taskRow()).leadUnit?.code).toBe(lead);
    const amendment = await db.planAmendment.findFirstOrThrow({ where: { taskId: original.id }, orderBy: { id: "desc" } });
    expect(amendment).toMatchObject({ kind: "LEAD_UNIT", before: { leadUnit: null } });

    const current = await taskRow();
    const count = await amendmentCount();
    const others = current.units.map((assignment) => assignment.unit.code).filter((code) => code !== lead);
    await expect(amend({ kind: "UNITS", unitCodes: others })).rejects.toThrow("不能移出责任单位；请先调整牵头单位");
    const outsider = (await db.unit.findFirstOrThrow({ where: { code: { notIn: [lead, ...others] } } })).code;
    await expect(amend({ kind: "LEAD_UNIT", unitCode: outsider })).rejects.toThrow(UserFacingError);
    await expect(amend({ kind: "UNITS", unitCodes: [] })).rejects.toThrow("任务至少要有一个责任单位");
    await expect(amend({ kind: "UNITS", unitCodes: [lead, "nosuchunit"] })).rejects.toThrow("所选单位中有不存在的单位");
    expect(await taskRow()).toEqual(current);
    expect(await amendmentCount()).toBe(count);
  });
});

describe("the public task API", () => {
  it("lists the task's amendments, oldest first, in the contract's shape, beside the amended plan", async () => {
    const response = await taskRoute.GET(new Request(`http://localhost:3000/api/v1/tasks/${TASK}`), {
      params: Promise.resolve({ number: String(TASK) }),
    });
    expect(response.status).toBe(200);
    const body = TaskDetailBodySchema.parse(await response.json());
    expect(body.data.deadline).toEqual({ text: "2026年6月底前", date: "2026-06-30" });
    expect(body.data.amendments.map((amendment) => amendment.kind)).toEqual(["deadline", "units", "lead_unit"]);
    expect(body.data.amendments[0]).toMatchObject({
      after: { deadline: { text: "2026年6月底前", date: "2026-06-30" } },
      reason: "按省政府办公厅通知调整",
      authority: AUTHORITY,
      effectiveDate: "2026-12-02",
      status: "applied",
      applyError: null,
    });
    expect(body.data.amendments[0]!.appliedAt).not.toBeNull();
    expect(body.data.amendments[2]!.after).toEqual({ leadUnit: body.data.leadUnit });
  });
});

describe("an amendment that takes effect later (待生效)", () => {
  const ENTERED = "2026-12-02";
  const pendingOf = async () => (await listTaskAmendments(TASK)).filter((amendment) => amendment.state === "PENDING");

  it("waits with the plan unchanged, refuses a second of its kind, and is applied once on its date by the daily job", async () => {
    const before = await taskRow();
    const message = await amend(
      { kind: "DEADLINE", effectiveDate: "2027-01-01", deadlineDate: "2027-12-31", deadlineText: "2027年底前" },
      ENTERED,
    );
    expect(message).toContain("将于 2027年1月1日 起自动执行");
    expect(message).toContain("待生效");
    const waiting = await taskRow();
    // The plan that drives reports and status is untouched; the record bumps the task's version.
    expect(waiting).toEqual({ ...before, version: before.version + 1 });
    expect((await pendingOf()).map((amendment) => amendment.kind)).toEqual(["DEADLINE"]);
    expect(await owesReport(2026, 4)).toBe(false);

    await expect(
      amend({ kind: "DEADLINE", effectiveDate: "2027-02-01", deadlineDate: "2028-06-30", deadlineText: "2028年6月底前" }, ENTERED),
    ).rejects.toThrow("该任务已有一项待生效的调整完成时限（2027年1月1日起生效）");

    expect(await applyDueAmendments("2026-12-31")).toBe(0);
    expect((await taskRow()).deadlineText).toBe(before.deadlineText);

    // Two instances run the daily job at the same moment: applied once.
    const runs = await Promise.all([applyDueAmendments("2027-01-01"), applyDueAmendments("2027-01-01")]);
    expect(runs[0] + runs[1]).toBe(1);
    const after = await taskRow();
    expect(after).toMatchObject({ deadlineText: "2027年底前", version: waiting.version + 1 });
    expect(after.deadlineDate.toISOString().slice(0, 10)).toBe("2027-12-31");
    expect(await owesReport(2026, 4)).toBe(true);
    const [applied] = (await listTaskAmendments(TASK)).slice(-1);
    expect(applied).toMatchObject({ state: "APPLIED", applyError: null });
    expect(applied!.appliedAt).toBeInstanceOf(Date);
    expect(await lastAudit()).toMatchObject({ action: "task.amend_applied", actorId: adminId });
    expect(await applyDueAmendments("2027-01-02")).toBe(0);
  });

  it("can be withdrawn before its date, and is then never applied", async () => {
    const before = await taskRow();
    await amend({ kind: "DEADLINE", effectiveDate: "2027-03-01", deadlineDate: "2028-12-31", deadlineText: "2028年底前" }, ENTERED);
    const [pending] = await pendingOf();
    const message = await cancelAmendment({ taskNumber: TASK, amendmentId: pending!.id }, adminId);
    expect(message).toContain("已撤销待生效的调整完成时限");
    expect(await lastAudit()).toMatchObject({ action: "task.amend_cancel" });
    await expect(cancelAmendment({ taskNumber: TASK, amendmentId: pending!.id }, adminId)).rejects.toThrow("该调整已执行或已撤销");
    expect(await applyDueAmendments("2027-03-01")).toBe(0);
    expect((await taskRow()).deadlineText).toBe(before.deadlineText);
    expect((await listTaskAmendments(TASK)).find((amendment) => amendment.id === pending!.id)?.state).toBe("CANCELLED");
  });

  it("one the plan has outgrown by its date is not applied, and says why", async () => {
    const current = await taskRow();
    const codes = current.units.map((assignment) => assignment.unit.code);
    const candidate = codes.find((code) => code !== current.leadUnit?.code)!;
    await amend({ kind: "LEAD_UNIT", effectiveDate: "2027-04-01", unitCode: candidate }, ENTERED);
    // Meanwhile the candidate leaves the task, at once.
    await amend({ kind: "UNITS", unitCodes: codes.filter((code) => code !== candidate) }, ENTERED);
    const beforeRun = await taskRow();
    expect(await applyDueAmendments("2027-04-01")).toBe(0);
    expect(await taskRow()).toEqual(beforeRun);
    const [outgrown] = (await listTaskAmendments(TASK)).filter((amendment) => amendment.kind === "LEAD_UNIT").slice(-1);
    expect(outgrown).toMatchObject({ state: "NOT_APPLIED", applyError: "牵头单位必须是该任务的责任单位之一" });
    expect(await lastAudit()).toMatchObject({ action: "task.amend_failed" });
    expect(await applyDueAmendments("2027-04-02")).toBe(0);
  });
});

describe("the task page's lead-unit form", () => {
  it("names a lead unit where the plan left none, but refuses to change one: that is an amendment", async () => {
    const current = await taskRow();
    expect(current.leadUnit).not.toBeNull();
    const other = current.units.map((assignment) => assignment.unit.code).find((code) => code !== current.leadUnit!.code)!;
    await expect(setTaskLeadUnit({ taskNumber: TASK, unitCode: other, version: current.version }, adminId)).rejects.toThrow(
      "更换或取消牵头单位属于计划调整",
    );
    await expect(setTaskLeadUnit({ taskNumber: TASK, unitCode: "", version: current.version }, adminId)).rejects.toThrow(
      "更换或取消牵头单位属于计划调整",
    );
    expect(await taskRow()).toEqual(current);
    // Keeping the lead and changing only the review levels is allowed.
    await setTaskLeadUnit({ taskNumber: TASK, unitCode: current.leadUnit!.code, version: current.version, reviewLevels: 2 }, adminId);
    await expect(amend({ kind: "LEAD_UNIT", unitCode: "" })).rejects.toThrow("该任务实行两级审核，需要牵头单位");
    const { version } = await taskRow();
    await setTaskLeadUnit({ taskNumber: TASK, unitCode: current.leadUnit!.code, version, reviewLevels: 1 }, adminId);
  });
});
