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
import { areaIndicatorName, figureArea, parsePeriod } from "@/lib/indicators/observation-keys";
import { checkValues } from "@/lib/indicators/quality";
import { unitNamesByCode } from "@/lib/plan/unit-names";

const KIND = "meili-progress";
const STATE_LABELS = Object.values(PROGRESS_STATE_LABELS);
const STATE_BY_LABEL = new Map(Object.entries(PROGRESS_STATE_LABELS).map(([state, label]) => [label, state as ProgressState]));

/** Indicator figures per row: as many as the task with the most indicators has (three in the plan). */
export const FIGURE_SLOTS = 3;
type FigurePart = "name" | "value" | "period" | "note";
const figureKey = (slot: number, part: FigurePart) => `figure${slot}${part[0]!.toUpperCase()}${part.slice(1)}`;

/** The figure columns: the indicator (filled by the system), its value, period and note. */
function figureColumns(periods: readonly string[]): TemplateColumn[] {
  return Array.from({ length: FIGURE_SLOTS }, (_, index) => {
    const slot = index + 1;
    return [
      { key: figureKey(slot, "name"), header: `指标${slot}`, width: 30, locked: true },
      { key: figureKey(slot, "value"), header: `指标${slot}数值`, width: 12, decimal: { min: 0 } },
      { key: figureKey(slot, "period"), header: `指标${slot}所属期间`, width: 12, list: periods },
      { key: figureKey(slot, "note"), header: `指标${slot}说明`, width: 24 },
    ];
  }).flat();
}

/** Periods a figure reported in a quarter can refer to: that year, its quarters so far, the year before. */
function figurePeriods(quarter: Quarter): string[] {
  const quarters = Array.from({ length: quarter.quarter }, (_, index) => `${quarter.year}Q${index + 1}`);
  return [String(quarter.year), ...quarters, String(quarter.year - 1)];
}

const TEXT_COLUMNS: readonly TemplateColumn[] = [
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
/** The columns as read back (the periods offered in the drop-down do not change the shape). */
export const PROGRESS_COLUMNS: readonly TemplateColumn[] = [...TEXT_COLUMNS, ...figureColumns([])];
const HEADER_OF = new Map(PROGRESS_COLUMNS.map((column) => [column.key, column.header]));

/** A task's indicators whose figures the unit gives (its city's own, or the province's as owner), named for its area. */
function unitIndicators(
  indicators: readonly { indicator: { id: number; code: string; name: string; measureUnit: string; ownerUnitId: number } }[],
  unit: { id: number; code: string; kind: "PROVINCIAL" | "CITY"; shortName: string },
) {
  return indicators
    .filter(({ indicator }) => figureArea(unit, indicator) !== null)
    .slice(0, FIGURE_SLOTS)
    .map(({ indicator }) => ({
      ...indicator,
      label: `${areaIndicatorName(indicator.name, unit.kind === "CITY" ? unit.shortName : null)}（${indicator.measureUnit}）`,
    }));
}

/** The tasks a unit reports on for a quarter, with the report it already has (if any). */
async function owedTasks(user: SessionUser, quarter: Quarter, today: string) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以导入进展");
  if (compareQuarters(quarter, quarterOfDate(today)) > 0) throw new UserFacingError(`${formatQuarter(quarter)} 尚未开始，不能提前填报`);
  const [unit, assignments] = await Promise.all([
    db.unit.findUniqueOrThrow({ where: { id: user.unitId }, select: { id: true, code: true, kind: true, shortName: true } }),
    db.taskUnit.findMany({
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
            indicators: {
              orderBy: { indicator: { sortOrder: "asc" } },
              select: { indicator: { select: { id: true, code: true, name: true, measureUnit: true, ownerUnitId: true } } },
            },
            reports: {
              where: { unitId: user.unitId, year: quarter.year, quarter: quarter.quarter },
              select: {
                status: true,
                version: true,
                progressState: true,
                percent: true,
                progress: true,
                problems: true,
                nextSteps: true,
                figures: { select: { value: true, period: true, note: true, indicator: { select: { code: true } } } },
              },
            },
          },
        },
      },
    }),
  ]);
  return assignments
    .map(({ task }) => ({ ...task, unit, indicators: unitIndicators(task.indicators, unit), report: task.reports[0] ?? null }))
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
      "灰色列由系统填写，请勿修改；不填写的任务留空即可。“指标”列是该任务由本单位报送的指标，数值留空表示本次不报。填好后在“我的待办 → Excel 导入”上传，系统检查无误并经您确认后才会保存为草稿。",
    columns: [...TEXT_COLUMNS, ...figureColumns(figurePeriods(quarter))],
    rows: tasks.map((task) => ({
      ...Object.fromEntries(
        task.indicators.flatMap((indicator, index): [string, string | number | null][] => {
          const figure = task.report?.figures.find((candidate) => candidate.indicator.code === indicator.code);
          return [
            [figureKey(index + 1, "name"), indicator.label],
            [figureKey(index + 1, "value"), figure ? Number(figure.value) : null],
            [figureKey(index + 1, "period"), figure?.period ?? String(quarter.year)],
            [figureKey(index + 1, "note"), figure?.note ?? null],
          ];
        }),
      ),
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
  /** Figure fields as the report form sends them (`figure.<code>.value` …). */
  figures?: Record<string, string>;
}

/** Checks a filled template completely; keeps it for confirmation only when every row is valid. */
export async function previewProgressImport(file: File, user: SessionUser, today = chinaToday()): Promise<ImportPreview> {
  const read = await readTemplate(Buffer.from(await file.arrayBuffer()), KIND, PROGRESS_COLUMNS);
  if (!read.ok) return { batchId: null, fileError: read.error, rows: [] };
  if (read.identity.unit !== user.unitCode) {
    const owner = (await unitNamesByCode()).get(read.identity.unit) ?? "其他单位";
    return { batchId: null, fileError: `该模板属于${owner}，不是${user.unitName ?? "本单位"}的模板，请下载本单位的模板`, rows: [] };
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
    // The figures: each slot must still name the task's indicator of that place (the column is locked).
    const figureFields: Record<string, string> = {};
    const figureColumn = new Map<string, string>();
    for (let slot = 1; slot <= FIGURE_SLOTS; slot++) {
      const indicator = task.indicators[slot - 1];
      const [name = "", value = "", period = "", note = ""] = (["name", "value", "period", "note"] as const).map(
        (part) => cells[figureKey(slot, part)] ?? "",
      );
      if (!indicator) {
        if (value || note) errors.push({ column: `指标${slot}数值`, message: "该任务没有第 " + slot + " 个指标，请留空" });
        continue;
      }
      if (name && name !== indicator.label) {
        errors.push({ column: `指标${slot}`, message: `应为“${indicator.label}”，请勿修改指标名称` });
        continue;
      }
      if (!value) continue;
      figureFields[`figure.${indicator.code}.value`] = value;
      figureFields[`figure.${indicator.code}.period`] = period || String(quarter.year);
      figureFields[`figure.${indicator.code}.note`] = note;
      for (const part of ["value", "period", "note"] as const)
        figureColumn.set(`figure.${indicator.code}.${part}`, `指标${slot}${{ value: "数值", period: "所属期间", note: "说明" }[part]}`);
    }
    const filled =
      ["progressState", "percent", "progress", "problems", "nextSteps"].some((key) => cells[key]) || Object.keys(figureFields).length > 0;
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
      ...figureFields,
    };
    const parsed = saveReportSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = HEADER_OF.get(String(issue.path[0])) ?? figureColumn.get(String(issue.path[0])) ?? "—";
        if (!errors.some((error) => error.column === column && error.message === issue.message))
          errors.push({ column, message: issue.message });
      }
    }
    if (parsed.success && parsed.data.figures.length > 0) {
      // The data-quality rules, as on the form: an impossible value is a cell error here, not a failed import later.
      const values = parsed.data.figures.map((figure) => {
        const indicator = task.indicators.find((candidate) => candidate.code === figure.indicatorCode)!;
        return { indicatorId: indicator.id, area: figureArea(task.unit, indicator)!, ...parsePeriod(figure.period)!, value: figure.value };
      });
      const checks = await db.$transaction((tx) => checkValues(tx, values));
      parsed.data.figures.forEach((figure, index) => {
        const error = checks[index]!.error;
        if (error) errors.push({ column: figureColumn.get(`figure.${figure.indicatorCode}.value`)!, message: error });
      });
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
        figures: figureFields,
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
      const { figures, ...fields } = row;
      const input = saveReportSchema.parse({
        ...fields,
        ...figures,
        taskNumber: String(row.taskNumber),
        version: String(row.version),
        percent: String(row.percent),
        intent: "save",
      });
      // A batch kept before figures were in the template leaves the report's figures as they are.
      return writeReport(tx, input, user, today, { keepFigures: figures === undefined });
    });
  } catch (error) {
    throw sameReportCreatedTwice(error) ?? error;
  }
}
