import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { formatIsoDate } from "@/lib/core/dates";
import { UserFacingError } from "@/lib/core/errors";
import { parseRecordNumber, taskNumberSchema } from "@/lib/core/schemas";
import { buildTemplate, readTemplate, type TemplateColumn } from "@/lib/imports/import-workbook";
import { applyBatch, keepBatch } from "@/lib/imports/import-batches";
import type { ImportPreview, PreviewRow } from "@/lib/imports/progress-import";
import { unitNamesByCode } from "@/lib/plan/unit-names";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { MEASURE_LIMIT, MEASURE_ROLE_LABELS, measureListInputSchema, type MeasureListInput, type MeasureRoleName } from "./schemas";
import { writeMeasureList } from "./save-measure-list";

/**
 * The measures template (举措清单模板) of a unit for a year: one row per milestone, the tasks the
 * unit carries pre-filled (with the measures of its editable lists), rows of a measure sharing its
 * 举措序号. An upload is checked in full, every cell error named by row and column, and written
 * only when every row is right — all lists or none.
 */
const KIND = "meili-measures";
const ROLE_BY_LABEL = new Map(Object.entries(MEASURE_ROLE_LABELS).map(([role, label]) => [label, role as MeasureRoleName]));

export const MEASURE_COLUMNS: readonly TemplateColumn[] = [
  { key: "taskNumber", header: "任务序号", width: 9, number: true, locked: true },
  { key: "title", header: "重点任务", width: 30, locked: true },
  { key: "role", header: "本单位角色", width: 11, list: Object.values(MEASURE_ROLE_LABELS) },
  { key: "measure", header: "举措序号", width: 9, whole: [1, MEASURE_LIMIT] },
  { key: "text", header: "举措内容", width: 50 },
  { key: "responsible", header: "责任人", width: 18 },
  { key: "fundsPlanned", header: "计划资金（万元）", width: 12, decimal: { min: 0 } },
  { key: "fundsSpent", header: "已用资金（万元）", width: 12, decimal: { min: 0 } },
  { key: "fundsSource", header: "资金来源", width: 18 },
  { key: "milestone", header: "节点名称", width: 30 },
  { key: "plannedDate", header: "计划完成日期（如 2026-06-30）", width: 16 },
  { key: "deliverable", header: "完成标志", width: 30 },
];
const HEADER_OF = new Map(MEASURE_COLUMNS.map((column) => [column.key, column.header]));
/** The template's column of a measure's or a milestone's field. */
const COLUMN_OF_FIELD: Record<string, string> = {
  text: "text",
  responsible: "responsible",
  fundsPlanned: "fundsPlanned",
  fundsSpent: "fundsSpent",
  fundsSource: "fundsSource",
  title: "milestone",
  plannedDate: "plannedDate",
  deliverable: "deliverable",
  role: "role",
};

async function carriedTasks(user: SessionUser, year: number) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有绑定单位的填报人可以导入举措清单", {}, "FORBIDDEN");
  const assignments = await db.taskUnit.findMany({
    where: { unitId: user.unitId },
    orderBy: { task: { number: "asc" } },
    select: {
      task: {
        select: {
          number: true,
          title: true,
          leadUnitId: true,
          measureLists: {
            where: { unitId: user.unitId, year },
            select: {
              status: true,
              version: true,
              role: true,
              measures: {
                orderBy: { position: "asc" },
                select: {
                  text: true,
                  responsible: true,
                  fundsPlanned: true,
                  fundsSpent: true,
                  fundsSource: true,
                  milestones: { orderBy: { position: "asc" }, select: { title: true, plannedDate: true, deliverable: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  return assignments.map(({ task }) => ({ ...task, list: task.measureLists[0] ?? null }));
}

const editable = (list: { status: keyof typeof REPORT_STATUS_LABELS } | null) =>
  !list || list.status === "DRAFT" || list.status === "RETURNED";

export async function measuresTemplate(user: SessionUser, year: number): Promise<Buffer> {
  const tasks = (await carriedTasks(user, year)).filter((task) => editable(task.list));
  return buildTemplate({
    identity: { kind: KIND, unit: user.unitCode ?? "", period: String(year) },
    sheetName: "举措清单",
    title: `${user.unitName ?? ""} ${year}年度重点任务举措清单`,
    instructions:
      "每行一个节点；同一项举措的多个节点各占一行，举措序号相同（举措内容、责任人、资金写在该举措的任一行即可）。需要更多节点时复制整行。不填写的任务留空。填好后在“年度举措 → Excel 导入”上传，系统检查无误并经您确认后才保存为草稿。",
    columns: MEASURE_COLUMNS,
    protect: false,
    rows: tasks.flatMap((task) => {
      const base = { taskNumber: task.number, title: task.title };
      if (!task.list || task.list.measures.length === 0)
        return [{ ...base, role: MEASURE_ROLE_LABELS[task.leadUnitId === user.unitId ? "LEAD" : "SUPPORT"] }];
      return task.list.measures.flatMap((measure, index) =>
        measure.milestones.map((milestone) => ({
          ...base,
          role: MEASURE_ROLE_LABELS[task.list!.role],
          measure: index + 1,
          text: measure.text,
          responsible: measure.responsible,
          fundsPlanned: measure.fundsPlanned === null ? null : Number(measure.fundsPlanned),
          fundsSpent: measure.fundsSpent === null ? null : Number(measure.fundsSpent),
          fundsSource: measure.fundsSource,
          milestone: milestone.title,
          plannedDate: formatIsoDate(milestone.plannedDate),
          deliverable: milestone.deliverable,
        })),
      );
    }),
  });
}

interface TaskRows {
  row: number;
  cells: Record<string, string>;
}

/** Checks a filled measures template completely; keeps it for confirmation only when every row is right. */
export async function previewMeasuresImport(file: File, user: SessionUser): Promise<ImportPreview> {
  const read = await readTemplate(Buffer.from(await file.arrayBuffer()), KIND, MEASURE_COLUMNS);
  if (!read.ok) return { batchId: null, fileError: read.error, rows: [] };
  if (read.identity.unit !== user.unitCode) {
    const owner = (await unitNamesByCode()).get(read.identity.unit) ?? "其他单位";
    return { batchId: null, fileError: `该模板属于${owner}，不是${user.unitName ?? "本单位"}的模板，请下载本单位的模板`, rows: [] };
  }
  const year = Number(read.identity.period);
  if (!Number.isInteger(year)) return { batchId: null, fileError: "模板中的年度无效，请重新下载模板", rows: [] };
  const tasks = new Map((await carriedTasks(user, year)).map((task) => [task.number, task]));
  const rows: PreviewRow[] = [];
  const byTask = new Map<number, TaskRows[]>();
  for (const line of read.rows) {
    const number = parseRecordNumber(taskNumberSchema, line.cells.taskNumber ?? "");
    const task = number === null ? undefined : tasks.get(number);
    const preview: PreviewRow = {
      row: line.row,
      taskNumber: number,
      title: task?.title ?? line.cells.title ?? "",
      action: "skip",
      errors: line.formulas.map((key) => ({ column: HEADER_OF.get(key)!, message: "不接受公式，请直接填写内容" })),
    };
    rows.push(preview);
    if (!task) {
      preview.errors.unshift({ column: "任务序号", message: "不是本单位承担的任务（请勿修改任务序号）" });
      continue;
    }
    const filled = ["measure", "text", "responsible", "milestone", "plannedDate", "deliverable"].some((key) => line.cells[key]);
    if (!filled) continue;
    if (!editable(task.list)) {
      preview.errors.push({ column: "任务序号", message: `该任务的举措清单${REPORT_STATUS_LABELS[task.list!.status]}，不能通过导入修改` });
      continue;
    }
    preview.action = task.list ? "update" : "create";
    byTask.set(task.number, [...(byTask.get(task.number) ?? []), { row: line.row, cells: line.cells }]);
  }
  const byRow = new Map(rows.map((row) => [row.row, row]));
  const valid: MeasureListInput[] = [];
  for (const [number, lines] of byTask) {
    const task = tasks.get(number)!;
    const cellError = (row: number, key: string, message: string) => {
      const errors = byRow.get(row)!.errors;
      const column = HEADER_OF.get(key) ?? "—";
      if (!errors.some((error) => error.column === column && error.message === message)) errors.push({ column, message });
    };
    // Rows of a measure share its 举措序号; the measure's own fields come from its first row that has them.
    const measures = new Map<string, { rows: TaskRows[] }>();
    for (const line of lines) {
      const key = line.cells.measure ?? "";
      if (!/^\d{1,2}$/.test(key)) {
        cellError(line.row, "measure", "请填写举措序号（1、2、3…），同一举措的节点序号相同");
        continue;
      }
      measures.set(key, { rows: [...(measures.get(key)?.rows ?? []), line] });
    }
    const groups = [...measures.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, group]) => group.rows);
    const first = (group: TaskRows[], key: string) => group.find((line) => line.cells[key])?.cells[key] ?? "";
    const roleLabel = first(lines, "role");
    const role = ROLE_BY_LABEL.get(roleLabel);
    if (!role) cellError(lines[0]!.row, "role", `请从下拉列表选择：${Object.values(MEASURE_ROLE_LABELS).join("、")}`);
    const candidate = {
      taskNumber: String(number),
      year: String(year),
      version: String(task.list?.version ?? 0),
      intent: "save",
      role: role ?? "SUPPORT",
      measures: groups.map((group) => ({
        text: first(group, "text"),
        responsible: first(group, "responsible"),
        fundsPlanned: first(group, "fundsPlanned"),
        fundsSpent: first(group, "fundsSpent"),
        fundsSource: first(group, "fundsSource"),
        milestones: group.map((line) => ({
          title: line.cells.milestone ?? "",
          plannedDate: line.cells.plannedDate ?? "",
          deliverable: line.cells.deliverable ?? "",
        })),
      })),
    };
    const parsed = measureListInputSchema.safeParse(candidate);
    if (parsed.success) {
      if (role) valid.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const [head, measureIndex, part, milestoneIndex, field] = issue.path;
      const group = typeof measureIndex === "number" ? groups[measureIndex] : undefined;
      if (head !== "measures" || !group) {
        cellError(lines[0]!.row, COLUMN_OF_FIELD[String(head)] ?? "taskNumber", issue.message);
      } else if (part === "milestones" && typeof milestoneIndex === "number") {
        cellError(group[milestoneIndex]!.row, COLUMN_OF_FIELD[String(field)] ?? "milestone", issue.message);
      } else {
        // A measure's own field: the first of its rows (where it is expected).
        const key = COLUMN_OF_FIELD[String(part)] ?? "text";
        cellError(group.find((line) => line.cells[key])?.row ?? group[0]!.row, key, issue.message);
      }
    }
  }
  if (rows.some((row) => row.errors.length > 0)) return { batchId: null, fileError: null, rows };
  if (valid.length === 0) return { batchId: null, fileError: "文件中没有填写任何任务的举措", rows };
  return { batchId: await keepBatch(KIND, user, file.name, valid), fileError: null, rows };
}

/** Writes a confirmed batch as drafts in one transaction: every list or none. */
export async function applyMeasuresImport(batchId: number, user: SessionUser): Promise<number> {
  return applyBatch<MeasureListInput>(batchId, KIND, user, (tx, row) =>
    writeMeasureList(tx, measureListInputSchema.parse(stringified(row)), user),
  );
}

/** A kept list back as the strings the schema parses (numbers were stored as parsed). */
function stringified(row: MeasureListInput) {
  return {
    ...row,
    taskNumber: String(row.taskNumber),
    year: String(row.year),
    version: String(row.version),
    measures: row.measures.map((measure) => ({
      ...measure,
      id: "",
      fundsPlanned: measure.fundsPlanned ?? "",
      fundsSpent: measure.fundsSpent ?? "",
      milestones: measure.milestones.map((milestone) => ({
        ...milestone,
        id: "",
        indicator: milestone.indicator ?? "",
        targetValue: milestone.targetValue ?? "",
      })),
    })),
  };
}
