import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { formatIsoDate } from "@/lib/core/dates";
import { PROGRESS_STATE_LABELS, REPORT_STATUS_LABELS, type ProgressState } from "@/lib/status/status-rules";
import {
  chinaToday,
  compareQuarters,
  formatQuarter,
  parseQuarter,
  quarterOfDate,
  taskSpansQuarter,
  type Quarter,
} from "@/lib/core/quarters";
import { buildTemplate, readTemplate, type TemplateColumn } from "@/lib/imports/import-workbook";
import { saveReportSchema } from "@/lib/reports/schemas";
import { applyBatch, keepBatch } from "./import-batches";
import { UserFacingError } from "@/lib/core/errors";
import { sameReportCreatedTwice, writeReport } from "@/lib/reports/save-report";
import { parseRecordNumber, taskNumberSchema } from "@/lib/core/schemas";

const KIND = "meili-progress";
const STATE_LABELS = Object.values(PROGRESS_STATE_LABELS);
const STATE_BY_LABEL = new Map(Object.entries(PROGRESS_STATE_LABELS).map(([state, label]) => [label, state as ProgressState]));

export const PROGRESS_COLUMNS: readonly TemplateColumn[] = [
  { key: "taskNumber", header: "任务序号", width: 9, locked: true, number: true },
  { key: "title", header: "重点任务", width: 30, locked: true },
  { key: "deadline", header: "完成时限", width: 12, locked: true },
  { key: "current", header: "当前状态", width: 12, locked: true },
  { key: "progressState", header: "进展状态", width: 13, list: STATE_LABELS },
  { key: "percent", header: "完成百分比（0–100）", width: 12, whole: [0, 100] },
  { key: "progress", header: "工作进展（必填）", width: 60 },
  { key: "problems", header: "存在问题", width: 40 },
  { key: "nextSteps", header: "下步计划", width: 40 },
];
const HEADER_OF = new Map(PROGRESS_COLUMNS.map((column) => [column.key, column.header]));

/** The tasks a unit reports on for a quarter, with the report it already has (if any). */
async function owedTasks(user: SessionUser, quarter: Quarter, today: string) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以导入进展");
  if (compareQuarters(quarter, quarterOfDate(today)) > 0) throw new UserFacingError(`${formatQuarter(quarter)} 尚未开始，不能提前填报`);
  const assignments = await db.taskUnit.findMany({
    where: { unitId: user.unitId },
    orderBy: { task: { number: "asc" } },
    select: {
      task: {
        select: {
          id: true,
          number: true,
          title: true,
          deadlineText: true,
          deadlineDate: true,
          reports: {
            where: { unitId: user.unitId, year: quarter.year, quarter: quarter.quarter },
            select: { status: true, version: true, progressState: true, percent: true, progress: true, problems: true, nextSteps: true },
          },
        },
      },
    },
  });
  return assignments
    .map(({ task }) => ({ ...task, report: task.reports[0] ?? null }))
    .filter((task) => taskSpansQuarter(formatIsoDate(task.deadlineDate), quarter));
}

/** The unit's template for a quarter: one row per task it owes and may still change. */
export async function progressTemplate(user: SessionUser, quarter: Quarter, today = chinaToday()): Promise<Buffer> {
  const tasks = (await owedTasks(user, quarter, today)).filter(
    (task) => !task.report || task.report.status === "DRAFT" || task.report.status === "RETURNED",
  );
  return buildTemplate({
    identity: { kind: KIND, unit: user.unitCode ?? "", period: formatQuarter(quarter) },
    sheetName: "进展填报",
    title: `${user.unitName ?? ""} ${formatQuarter(quarter)} 重点任务进展填报`,
    instructions:
      "灰色列由系统填写，请勿修改；不填写的任务留空即可。填好后在“我的待办 → Excel 导入”上传，系统检查无误并经您确认后才会保存为草稿。",
    columns: PROGRESS_COLUMNS,
    rows: tasks.map((task) => ({
      taskNumber: task.number,
      title: task.title,
      deadline: task.deadlineText,
      current: task.report ? REPORT_STATUS_LABELS[task.report.status] : "未填写",
      progressState: task.report ? PROGRESS_STATE_LABELS[task.report.progressState] : null,
      percent: task.report?.percent ?? null,
      progress: task.report?.progress ?? null,
      problems: task.report?.problems ?? null,
      nextSteps: task.report?.nextSteps ?? null,
    })),
  });
}

export interface PreviewRow {
  row: number;
  taskNumber: number | null;
  title: string;
  action: "create" | "update" | "skip";
  errors: { column: string; message: string }[];
}

export interface ImportPreview {
  batchId: number | null;
  fileError: string | null;
  rows: PreviewRow[];
}

interface BatchRow {
  taskNumber: number;
  quarter: string;
  version: number;
  progressState: ProgressState;
  percent: number;
  progress: string;
  problems: string;
  nextSteps: string;
}

/** Checks a filled template completely; keeps it for confirmation only when every row is valid. */
export async function previewProgressImport(file: File, user: SessionUser, today = chinaToday()): Promise<ImportPreview> {
  const read = await readTemplate(Buffer.from(await file.arrayBuffer()), KIND, PROGRESS_COLUMNS);
  if (!read.ok) return { batchId: null, fileError: read.error, rows: [] };
  if (read.identity.unit !== user.unitCode) {
    return { batchId: null, fileError: `该模板属于其他单位（${read.identity.unit}），请下载本单位的模板`, rows: [] };
  }
  const quarter = parseQuarter(read.identity.period);
  if (!quarter) return { batchId: null, fileError: "模板中的季度无效，请重新下载模板", rows: [] };
  const tasks = await owedTasks(user, quarter, today);
  const byNumber = new Map(tasks.map((task) => [task.number, task]));
  const seen = new Set<number>();
  const rows: PreviewRow[] = [];
  const valid: BatchRow[] = [];

  for (const line of read.rows) {
    const cells = line.cells;
    const errors: PreviewRow["errors"] = line.formulas.map((key) => ({
      column: HEADER_OF.get(key)!,
      message: "不接受公式，请直接填写内容",
    }));
    const number = parseRecordNumber(taskNumberSchema, cells.taskNumber ?? "");
    const task = number === null ? undefined : byNumber.get(number);
    const base = { row: line.row, taskNumber: number, title: task?.title ?? cells.title ?? "" };
    if (!task) {
      rows.push({
        ...base,
        action: "skip",
        errors: [{ column: "任务序号", message: "不是本单位本季度应报送的任务（请勿修改任务序号）" }, ...errors],
      });
      continue;
    }
    if (seen.has(task.number)) {
      rows.push({ ...base, action: "skip", errors: [{ column: "任务序号", message: `任务 ${task.number} 在文件中出现了多次` }] });
      continue;
    }
    seen.add(task.number);
    const filled = ["progressState", "percent", "progress", "problems", "nextSteps"].some((key) => cells[key]);
    if (!filled && errors.length === 0) {
      rows.push({ ...base, action: "skip", errors: [] });
      continue;
    }
    if (task.report && task.report.status !== "DRAFT" && task.report.status !== "RETURNED") {
      errors.push({ column: "当前状态", message: `该任务本季度报告${REPORT_STATUS_LABELS[task.report.status]}，不能通过导入修改` });
    }
    const state = STATE_BY_LABEL.get(cells.progressState ?? "");
    if (!state) errors.push({ column: "进展状态", message: `请从下拉列表选择：${STATE_LABELS.join("、")}` });
    const candidate = {
      taskNumber: String(task.number),
      quarter: formatQuarter(quarter),
      version: String(task.report?.version ?? 0),
      intent: "save",
      progressState: state ?? "ON_TRACK",
      percent: cells.percent ?? "",
      progress: cells.progress ?? "",
      problems: cells.problems ?? "",
      nextSteps: cells.nextSteps ?? "",
    };
    const parsed = saveReportSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = HEADER_OF.get(String(issue.path[0])) ?? "—";
        if (!errors.some((error) => error.column === column && error.message === issue.message))
          errors.push({ column, message: issue.message });
      }
    }
    rows.push({ ...base, action: task.report ? "update" : "create", errors });
    if (errors.length === 0 && parsed.success) {
      valid.push({
        taskNumber: task.number,
        quarter: formatQuarter(quarter),
        version: task.report?.version ?? 0,
        progressState: parsed.data.progressState,
        percent: parsed.data.percent,
        progress: parsed.data.progress,
        problems: parsed.data.problems,
        nextSteps: parsed.data.nextSteps,
      });
    }
  }
  if (rows.some((row) => row.errors.length > 0)) return { batchId: null, fileError: null, rows };
  if (valid.length === 0) return { batchId: null, fileError: "文件中没有填写任何任务的进展", rows };
  return { batchId: await keepBatch(KIND, user, file.name, valid), fileError: null, rows };
}

/** Writes a confirmed batch as drafts, all in one transaction: every row or none. */
export async function applyProgressImport(batchId: number, user: SessionUser, today = chinaToday()): Promise<number> {
  try {
    return await applyBatch<BatchRow>(batchId, KIND, user, (tx, row) => {
      const input = saveReportSchema.parse({
        ...row,
        taskNumber: String(row.taskNumber),
        version: String(row.version),
        percent: String(row.percent),
        intent: "save",
      });
      return writeReport(tx, input, user, today, { keepFigures: true });
    });
  } catch (error) {
    throw sameReportCreatedTwice(error) ?? error;
  }
}
