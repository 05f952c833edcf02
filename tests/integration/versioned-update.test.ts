/**
 * Optimistic concurrency under real concurrency: two writers holding the same version, both of
 * which have read the record before either writes. A third connection holds the record (a row lock,
 * or an uncommitted insert of the same key) until both writers wait on it, then lets go: exactly one
 * write may land, and the other is refused naming who made it. Covered for the helper itself and
 * for the writes that used to check the version and then update unconditionally.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { getWindowSetting, setWindowDays } from "@/lib/admin/settings";
import { saveNarrative } from "@/lib/annual/annual-report";
import type { Narrative } from "@/lib/annual/annual-text";
import { reviewObservations } from "@/lib/review/review-observations";
import { setTaskLeadUnit } from "@/lib/plan/lead-unit";
import { AppError, StaleWriteError } from "@/lib/core/errors";
import { saveReport } from "@/lib/reports/save-report";
import { withdrawReport } from "@/lib/reports/withdraw-report";
import { reviewReports } from "@/lib/review/review-reports";
import { saveReportSchema } from "@/lib/reports/schemas";
import { db as appDb } from "@/lib/core/db";
import { updateVersioned, versionedUpdateSql, writtenOrStale, type StaleWrite } from "@/lib/core/versioned-update";
import { seededDatabaseUrl, seededPrisma, withPg } from "../support/database";

const db = seededPrisma();
const WINDOW_KEY = "reportingWindowDays";
const HELPER_KEY = "test.versionedUpdate";
const NARRATIVE_YEAR = 2031;
const cleanups: (() => Promise<unknown>)[] = [];

const users: Record<string, SessionUser> = {};
beforeAll(async () => {
  // A second admin and a second reviewer, so that the refusal can be seen to name the other writer.
  for (const [username, displayName, role] of [
    ["admin.versioned", "第二管理员", "ADMIN"],
    ["reviewer.versioned", "第二审核人", "REVIEWER"],
  ] as const) {
    await db.user.upsert({ where: { username }, update: {}, create: { username, displayName, role, passwordHash: "not-a-password" } });
  }
  const nanchang = await db.unit.findUniqueOrThrow({ where: { code: "nanchang" }, select: { id: true } });
  await db.user.upsert({
    where: { username: "nanchang.versioned" },
    update: {},
    create: {
      username: "nanchang.versioned",
      displayName: "南昌市第二填报人",
      role: "STAFF",
      unitId: nanchang.id,
      passwordHash: "not-a-password",
    },
  });
  for (const username of ["admin", "admin.versioned", "reviewer", "reviewer.versioned", "nanchang", "nanchang.versioned"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await db.$disconnect();
});

/**
 * Sessions of this database waiting for a lock (the writers held up by the blocker). Asked outside
 * the blocker's transaction: a transaction sees one snapshot of pg_stat_activity until it ends.
 */
async function waitingForLocks(): Promise<number> {
  const [row] = await db.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row!.waiting;
}

/**
 * Runs the writers at once while `hold` (run on a connection of its own, in an open transaction)
 * keeps the record; once every writer waits on it, the hold is rolled back and the writers finish.
 */
async function race<T>(hold: { sql: string; params: unknown[] }, writers: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  return withPg(seededDatabaseUrl(), async (blocker) => {
    await blocker.query("BEGIN");
    await blocker.query(hold.sql, hold.params);
    const settled = Promise.allSettled(writers.map((write) => write()));
    for (let attempt = 0; (await waitingForLocks()) < writers.length; attempt += 1) {
      if (attempt > 600) throw new Error("the writers never reached their write");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await blocker.query("ROLLBACK");
    return settled;
  });
}

/** Exactly one writer won; the other was refused with a StaleWriteError. Returns the winner's index and the refusal. */
function oneWinner<T>(results: PromiseSettledResult<T>[]): { winner: number; refusal: StaleWriteError } {
  expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
  const winner = results.findIndex((result) => result.status === "fulfilled");
  const reason = (results[1 - winner] as PromiseRejectedResult).reason as unknown;
  expect(reason).toBeInstanceOf(StaleWriteError);
  return { winner, refusal: reason as StaleWriteError };
}

const rowLock = (table: string, column: string, value: unknown) => ({
  sql: `SELECT 1 FROM "${table}" WHERE "${column}" = $1 FOR UPDATE`,
  params: [value],
});
const auditCount = (entity: string, entityId: string) => db.auditLog.count({ where: { entity, entityId } });

const REPORT_TODAY = "2026-11-25";

/** A save of 南昌市's report form; a first save (version 0) of 2025Q1 unless the fields say otherwise. */
const saveAs = (user: SessionUser, fields: Record<string, string>) =>
  saveReport(
    saveReportSchema.parse({ quarter: "2025Q1", version: "0", progressState: "ON_TRACK", percent: "20", progress: "待审核", ...fields }),
    user,
    REPORT_TODAY,
  );

/** 南昌市's report on `task` for `quarter`, saved and then submitted. */
async function submittedReport(task: string, quarter: string) {
  const draft = await saveAs(users.nanchang!, { taskNumber: task, quarter });
  return saveAs(users.nanchang!, { taskNumber: task, quarter, version: String(draft.version), intent: "submit" });
}

/** Holds the key of 南昌市's 2025Q1 report on the task: an uncommitted insert that first saves must wait for. */
async function reportKeyHold(taskNumber: number) {
  const task = await db.task.findUniqueOrThrow({ where: { number: taskNumber }, select: { id: true } });
  return {
    sql: `INSERT INTO "ProgressReport" ("taskId", "unitId", year, quarter, "progressState", percent, progress, "updatedById")
          VALUES ($1, $2, 2025, 1, 'ON_TRACK', 0, 'blocker', $3)`,
    params: [task.id, users.nanchang!.unitId, users.nanchang!.id],
  };
}

describe("the versioned-write helper", () => {
  const stale: StaleWrite = {
    lastChange: async () => ({ who: "张三", at: new Date("2026-11-30T02:00:00Z") }),
    message: ({ who, when }) => `${who} 已于 ${when} 修改`,
  };
  const write = (version: number, value: string) =>
    appDb.$transaction((tx) =>
      updateVersioned(tx, "setting", { where: { key: HELPER_KEY }, version, create: { key: HELPER_KEY, value } }, { value }, stale),
    );

  beforeAll(async () => {
    await db.setting.deleteMany({ where: { key: HELPER_KEY } });
    cleanups.push(() => db.setting.deleteMany({ where: { key: HELPER_KEY } }));
  });

  it("creates a record seen as version 0 once, even when two writers create it at the same time", async () => {
    const results = await race({ sql: `INSERT INTO "Setting" (key, value) VALUES ($1, '"blocker"')`, params: [HELPER_KEY] }, [
      () => write(0, "甲"),
      () => write(0, "乙"),
    ]);
    const { winner, refusal } = oneWinner(results);
    expect(refusal.message).toBe("张三 已于 2026/11/30 10:00:00 修改");
    expect(await db.setting.findUniqueOrThrow({ where: { key: HELPER_KEY }, select: { value: true, version: true } })).toEqual({
      value: ["甲", "乙"][winner],
      version: 1,
    });
  });

  it("lets exactly one of two writers holding the same version update, and increments the version once", async () => {
    const results = await race(rowLock("Setting", "key", HELPER_KEY), [() => write(1, "丙"), () => write(1, "丁")]);
    const { winner } = oneWinner(results);
    expect(results[winner]).toEqual({ status: "fulfilled", value: 2 });
    expect(await db.setting.findUniqueOrThrow({ where: { key: HELPER_KEY }, select: { value: true, version: true } })).toEqual({
      value: ["丙", "丁"][winner],
      version: 2,
    });
  });

  it("refuses an old version, or version 0 for a record that exists, and rolls back the caller's transaction", async () => {
    await expect(write(1, "旧版")).rejects.toThrow("张三 已于 2026/11/30 10:00:00 修改");
    await expect(write(0, "新建")).rejects.toBeInstanceOf(StaleWriteError);
    const before = await db.setting.count();
    await expect(
      appDb.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: `${HELPER_KEY}.other`, value: 1 } });
        await updateVersioned(tx, "setting", { where: { key: HELPER_KEY }, version: 1 }, { value: "旧版" }, stale);
      }),
    ).rejects.toBeInstanceOf(StaleWriteError);
    expect(await db.setting.count()).toBe(before);
    expect((await db.setting.findUniqueOrThrow({ where: { key: HELPER_KEY } })).version).toBe(2);
  });

  it("carries the record as it is now in the refusal, when the caller reads it, for the user to compare", async () => {
    const current: StaleWrite = { ...stale, current: async () => ({ version: 2, record: { value: "丙或丁" } }) };
    const refusal = (await appDb
      .$transaction((tx) => updateVersioned(tx, "setting", { where: { key: HELPER_KEY }, version: 1 }, { value: "旧版" }, current))
      .catch((caught: unknown) => caught)) as StaleWriteError;
    expect(refusal).toBeInstanceOf(StaleWriteError);
    expect(refusal.data).toEqual({ who: "张三", when: "2026/11/30 10:00:00", version: 2, record: { value: "丙或丁" } });
    // Without a reader of the current record the refusal carries nothing more than its message.
    await expect(write(1, "旧版")).rejects.toMatchObject({ data: undefined });
  });

  it("conditions a raw-SQL update on the version too: of two such statements one returns the row", async () => {
    const staff = users.nanchang!;
    const task = await db.task.findUniqueOrThrow({ where: { number: 21 }, select: { id: true } });
    const report = await db.progressReport.create({
      data: {
        taskId: task.id,
        unitId: staff.unitId!,
        year: 2024,
        quarter: 3,
        progressState: "ON_TRACK",
        percent: 10,
        progress: "原文",
        updatedById: staff.id,
      },
      select: { id: true },
    });
    cleanups.push(() => db.progressReport.deleteMany({ where: { id: report.id } }));
    const rawWrite = (progress: string) =>
      appDb.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ id: number; version: number }[]>`
          WITH report AS (${versionedUpdateSql("ProgressReport", { id: report.id, version: 1 }, Prisma.sql`progress = ${progress}`, { returning: Prisma.sql`id, version` })})
          SELECT id, version FROM report`;
        return writtenOrStale(tx, row, stale);
      });
    const results = await race(rowLock("ProgressReport", "id", report.id), [() => rawWrite("甲"), () => rawWrite("乙")]);
    const { winner } = oneWinner(results);
    expect(results[winner]).toEqual({ status: "fulfilled", value: { id: report.id, version: 2 } });
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: report.id }, select: { progress: true, version: true } })).toEqual({
      progress: ["甲", "乙"][winner],
      version: 2,
    });
  });
});

describe("two writers of the same version at once", () => {
  it("reports: of two first saves at once one is kept; the other is told who saved first and shown their version", async () => {
    const staff = [users.nanchang!, users["nanchang.versioned"]!];
    const names = ["南昌市填报人", "南昌市第二填报人"];
    const progress = ["甲的进展", "乙的进展"];
    const results = await race(
      await reportKeyHold(22),
      [0, 1].map((index) => () => saveAs(staff[index]!, { taskNumber: "22", progress: progress[index]! })),
    );
    const { winner, refusal } = oneWinner(results);
    expect(refusal.message).toMatch(new RegExp(`^保存未成功：在您之前，${names[winner]} 已于 .* 保存了这份报告`));
    expect(refusal.data).toMatchObject({ who: names[winner], version: 1, record: { progress: progress[winner], editable: true } });
    expect(await db.progressReport.count({ where: { task: { number: 22 }, unitId: staff[0]!.unitId!, year: 2025, quarter: 1 } })).toBe(1);
  });

  it("reports: two copies of one request at once (a retry overtaking the first) are answered with the same single write", async () => {
    const requestId = "3d5f7b9c-2e4a-4b6c-8d0e-1f2a3b4c5d6e";
    const copy = () => saveAs(users.nanchang!, { taskNumber: "23", intent: "submit", requestId, progress: "同一请求" });
    const results = await race(await reportKeyHold(23), [copy, copy]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    const [a, b] = results as PromiseFulfilledResult<Awaited<ReturnType<typeof copy>>>[];
    expect(b!.value).toEqual(a!.value);
    expect(a!.value).toMatchObject({ status: "SUBMITTED", version: 1 });
    expect(await db.reportRevision.count({ where: { reportId: a!.value.id } })).toBe(1);
    expect(await auditCount("ProgressReport", String(a!.value.id))).toBe(1);
    expect((await db.reportRevision.findUniqueOrThrow({ where: { requestId }, select: { requestHash: true } })).requestHash).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it("reports: a withdrawal and the reviewer's decision at once — exactly one lands, the other is told in Chinese", async () => {
    const staff = users.nanchang!;
    const report = await submittedReport("25", "2025Q1");
    const results = await race<unknown>(rowLock("ProgressReport", "id", report.id), [
      () => withdrawReport({ reportId: report.id, version: report.version }, staff),
      () => reviewReports({ reports: [{ id: report.id, version: report.version }], decision: "accept", comment: "" }, users.reviewer!),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const withdrew = results[0]!.status === "fulfilled";
    const reason = (results[withdrew ? 1 : 0] as PromiseRejectedResult).reason as AppError;
    expect(reason).toBeInstanceOf(AppError);
    expect(reason.message).toMatch(
      withdrew ? /已于 .* 被 南昌市填报人 修改，请刷新后再审核/ : /^撤回未成功：省生态环境厅审核人 已于 .* 审核通过了该报告/,
    );
    const stored = await db.progressReport.findUniqueOrThrow({ where: { id: report.id }, select: { status: true, version: true } });
    expect(stored).toEqual({ status: withdrew ? "DRAFT" : "ACCEPTED", version: report.version + 1 });
    expect(await auditCount("ProgressReport", String(report.id))).toBe(3);
  });

  it("reports: a withdrawal that checked the report just before the reviewer's decision committed is refused, naming it", async () => {
    const staff = users.nanchang!;
    const report = await submittedReport("25", "2024Q4");
    const refused = await withPg(seededDatabaseUrl(), async (reviewer) => {
      // The decision is written but not yet committed when the withdrawal reads and writes.
      await reviewer.query("BEGIN");
      await reviewer.query(
        `UPDATE "ProgressReport" SET status = 'ACCEPTED', version = version + 1, "reviewedById" = $2, "reviewedAt" = now() WHERE id = $1`,
        [report.id, users.reviewer!.id],
      );
      const withdrawal = withdrawReport({ reportId: report.id, version: report.version }, staff).catch((caught: unknown) => caught);
      for (let attempt = 0; (await waitingForLocks()) < 1; attempt += 1) {
        if (attempt > 600) throw new Error("the withdrawal never reached its write");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await reviewer.query("COMMIT");
      return withdrawal;
    });
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/^撤回未成功：省生态环境厅审核人 已于 .* 审核通过了该报告，审核后不能再撤回。$/);
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: report.id }, select: { status: true } })).toEqual({
      status: "ACCEPTED",
    });
    expect(await db.reportRevision.count({ where: { reportId: report.id, action: "report.withdraw" } })).toBe(0);
  });

  it("settings: the first save of the reporting window creates it once; of two edits of version 1 one lands", async () => {
    await db.setting.deleteMany({ where: { key: WINDOW_KEY } });
    cleanups.push(() => db.setting.deleteMany({ where: { key: WINDOW_KEY } }));
    const admins = [users.admin!, users["admin.versioned"]!];
    const names = ["系统管理员", "第二管理员"];

    const created = await race({ sql: `INSERT INTO "Setting" (key, value) VALUES ($1, '10')`, params: [WINDOW_KEY] }, [
      () => setWindowDays({ windowDays: 12, version: 0 }, admins[0]!.id),
      () => setWindowDays({ windowDays: 14, version: 0 }, admins[1]!.id),
    ]);
    const first = oneWinner(created);
    expect(first.refusal.message).toMatch(
      new RegExp(`^保存未成功：${names[first.winner]} 已于 \\d{4}/\\d{1,2}/\\d{1,2} \\d{2}:\\d{2}:\\d{2} 修改了该设置`),
    );
    expect(await getWindowSetting()).toMatchObject({ windowDays: [12, 14][first.winner], version: 1 });

    const audits = await auditCount("Setting", WINDOW_KEY);
    const edited = await race(rowLock("Setting", "key", WINDOW_KEY), [
      () => setWindowDays({ windowDays: 20, version: 1 }, admins[0]!.id),
      () => setWindowDays({ windowDays: 30, version: 1 }, admins[1]!.id),
    ]);
    const second = oneWinner(edited);
    expect(second.refusal.message).toContain(`${names[second.winner]} 已于`);
    expect(await getWindowSetting()).toMatchObject({ windowDays: [20, 30][second.winner], version: 2 });
    expect(await auditCount("Setting", WINDOW_KEY)).toBe(audits + 1);
  });

  it("annual narrative: one of two edits of the same version is kept, with one revision and one audit row", async () => {
    cleanups.push(() => db.annualReport.deleteMany({ where: { year: NARRATIVE_YEAR } }));
    const reviewers = [users.reviewer!, users["reviewer.versioned"]!];
    const names = ["省生态环境厅审核人", "第二审核人"];
    const draft: Narrative = { intro: "", problems: "存在的问题。", nextSteps: "下步计划。" };
    expect(await saveNarrative(NARRATIVE_YEAR, { ...draft, intro: "第一版。" }, 0, reviewers[0]!)).toBe(1);

    const results = await race(rowLock("AnnualReport", "year", NARRATIVE_YEAR), [
      () => saveNarrative(NARRATIVE_YEAR, { ...draft, intro: "甲的修改。" }, 1, reviewers[0]!),
      () => saveNarrative(NARRATIVE_YEAR, { ...draft, intro: "乙的修改。" }, 1, reviewers[1]!),
    ]);
    const { winner, refusal } = oneWinner(results);
    expect(refusal.message).toMatch(new RegExp(`^保存未成功：${names[winner]} 已于 .* 修改了该报告，您填写的内容仍在页面上`));
    const stored = await db.annualReport.findUniqueOrThrow({
      where: { year: NARRATIVE_YEAR },
      select: { version: true, narrative: true, updatedById: true },
    });
    expect(stored).toMatchObject({
      version: 2,
      narrative: { intro: ["甲的修改。", "乙的修改。"][winner] },
      updatedById: reviewers[winner]!.id,
    });
    expect(await db.annualReportRevision.count({ where: { year: NARRATIVE_YEAR } })).toBe(2);
    expect(await auditCount("AnnualReport", String(NARRATIVE_YEAR))).toBe(2);
  });

  it("indicator values: of two reviewers deciding on the same submitted value, one decides", async () => {
    const indicator = await db.indicator.findFirstOrThrow({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } });
    const observation = await db.indicatorObservation.create({
      data: {
        indicatorId: indicator.id,
        area: "province",
        year: 2031,
        quarter: 0,
        value: new Prisma.Decimal(1),
        source: "测试",
        enteredById: users.nanchang!.id,
      },
      select: { id: true, version: true },
    });
    cleanups.push(() => db.indicatorObservation.deleteMany({ where: { id: observation.id } }));
    const reviewers = [users.reviewer!, users["reviewer.versioned"]!];
    const names = ["省生态环境厅审核人", "第二审核人"];
    const ref = { id: observation.id, version: observation.version };

    const results = await race(rowLock("IndicatorObservation", "id", observation.id), [
      () => reviewObservations({ observations: [ref], decision: "accept", comment: "" }, reviewers[0]!),
      () => reviewObservations({ observations: [ref], decision: "return", comment: "请核对数据来源" }, reviewers[1]!),
    ]);
    const { winner, refusal } = oneWinner(results);
    expect(refusal.message.startsWith(`${indicator.name}（2031）已于 `)).toBe(true);
    expect(refusal.message.endsWith(` 被 ${names[winner]} 修改，请刷新后再审核`)).toBe(true);
    const stored = await db.indicatorObservation.findUniqueOrThrow({
      where: { id: observation.id },
      select: { status: true, version: true, reviewedById: true },
    });
    expect(stored).toEqual({ status: ["ACCEPTED", "RETURNED"][winner], version: 2, reviewedById: reviewers[winner]!.id });
    expect(await auditCount("IndicatorObservation", `${indicator.code}/province/2031`)).toBe(1);
  });

  it("lead unit: of two admins marking different lead units on the same version, one is kept", async () => {
    const task = await db.task.findUniqueOrThrow({ where: { number: 30 }, select: { id: true, version: true, leadUnitId: true } });
    cleanups.push(() => db.task.update({ where: { id: task.id }, data: { leadUnitId: task.leadUnitId } }));
    const units = await db.taskUnit.findMany({
      where: { taskId: task.id },
      orderBy: { unitId: "asc" },
      take: 2,
      select: { unit: { select: { code: true, id: true } } },
    });
    const admins = [users.admin!, users["admin.versioned"]!];
    const names = ["系统管理员", "第二管理员"];
    const results = await race(
      rowLock("Task", "id", task.id),
      [0, 1].map(
        (index) => () => setTaskLeadUnit({ taskNumber: 30, unitCode: units[index]!.unit.code, version: task.version }, admins[index]!.id),
      ),
    );
    const { winner, refusal } = oneWinner(results);
    expect(refusal.message).toContain(`${names[winner]} 已于`);
    const stored = await db.task.findUniqueOrThrow({ where: { id: task.id }, select: { leadUnitId: true, version: true } });
    expect(stored).toEqual({ leadUnitId: units[winner]!.unit.id, version: task.version + 1 });
  });
});
