import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { buildTemplate, readTemplate, type TemplateColumn } from "@/lib/imports/import-workbook";
import { observationSchema } from "@/lib/indicators/schemas";
import { chinaToday } from "@/lib/core/quarters";
import { UserFacingError } from "@/lib/core/errors";
import { applyBatch, keepBatch } from "./import-batches";
import { writeObservation } from "@/lib/indicators/observations";
import { checkValues, type ValueToCheck } from "@/lib/indicators/quality";
import { unitNamesByCode } from "@/lib/plan/unit-names";
import { periodText, PROVINCE } from "@/lib/indicators/observation-keys";
import type { ImportPreview, PreviewRow } from "./progress-import";

const KIND = "meili-observations";

export const OBSERVATION_COLUMNS: readonly TemplateColumn[] = [
  { key: "code", header: "指标代码", width: 28, locked: true },
  { key: "name", header: "指标", width: 36, locked: true },
  { key: "unit", header: "计量单位", width: 12, locked: true },
  { key: "area", header: "地区（全省或设区市）", width: 14 },
  { key: "period", header: "期间（如2026或2026Q3）", width: 14 },
  { key: "value", header: "数值", width: 12, number: true },
  { key: "source", header: "数据来源", width: 40 },
  { key: "note", header: "说明", width: 30 },
];
const HEADER_OF = new Map(OBSERVATION_COLUMNS.map((column) => [column.key, column.header]));

async function ownedIndicators(user: SessionUser) {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有指标的责任单位可以导入指标数值");
  return db.indicator.findMany({
    where: { ownerUnitId: user.unitId },
    orderBy: { sortOrder: "asc" },
    select: { id: true, code: true, name: true, measureUnit: true, cityLevel: true },
  });
}

/** One row per indicator the unit owns (province, this year); more rows may be added by copying. */
export async function observationTemplate(user: SessionUser, today = chinaToday()): Promise<Buffer> {
  const indicators = await ownedIndicators(user);
  if (indicators.length === 0) throw new UserFacingError(`${user.unitName ?? "本单位"}不负责任何目标指标`);
  return buildTemplate({
    identity: { kind: KIND, unit: user.unitCode ?? "", period: today.slice(0, 4) },
    sheetName: "指标数值",
    title: `${user.unitName ?? ""} 目标指标数值填报`,
    instructions: "每行一个数值：地区填“全省”或设区市名称（如“南昌市”），期间填年份或季度。可复制行填报多个期间或地区；不填写的行留空。",
    columns: OBSERVATION_COLUMNS,
    protect: false,
    rows: indicators.map((indicator) => ({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.measureUnit,
      area: "全省",
      period: String(Number(today.slice(0, 4)) - 1),
      value: null,
      source: null,
      note: null,
    })),
  });
}

interface BatchRow {
  indicatorCode: string;
  area: string;
  period: string;
  value: string;
  source: string;
  note: string;
}

export async function previewObservationImport(file: File, user: SessionUser): Promise<ImportPreview> {
  const read = await readTemplate(Buffer.from(await file.arrayBuffer()), KIND, OBSERVATION_COLUMNS);
  if (!read.ok) return { batchId: null, fileError: read.error, rows: [] };
  if (read.identity.unit !== user.unitCode) {
    const owner = (await unitNamesByCode()).get(read.identity.unit) ?? "其他单位";
    return { batchId: null, fileError: `该模板属于${owner}，不是${user.unitName ?? "本单位"}的模板，请下载本单位的模板`, rows: [] };
  }
  const [indicators, cities] = await Promise.all([
    ownedIndicators(user),
    db.unit.findMany({ where: { kind: "CITY" }, select: { code: true, shortName: true } }),
  ]);
  const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]));
  const cityByName = new Map(cities.map((city) => [city.shortName, city.code]));
  const existing = await db.indicatorObservation.findMany({
    where: {
      indicator: { code: { in: indicators.map((indicator) => indicator.code) } },
      status: { in: ["SUBMITTED", "ACCEPTED"] },
      demo: false,
    },
    select: { area: true, year: true, quarter: true, status: true, indicator: { select: { code: true } } },
  });
  const taken = new Map(existing.map((row) => [`${row.indicator.code}/${row.area}/${periodText(row)}`, row.status]));
  const seen = new Set<string>();
  const rows: PreviewRow[] = [];
  const valid: BatchRow[] = [];
  /** Values to hold against the data-quality rules, with the row errors they would add to. */
  const toCheck: { value: ValueToCheck; errors: PreviewRow["errors"] }[] = [];
  for (const line of read.rows) {
    const cells = line.cells;
    const errors: PreviewRow["errors"] = line.formulas.map((key) => ({
      column: HEADER_OF.get(key)!,
      message: "不接受公式，请直接填写内容",
    }));
    const indicator = byCode.get(cells.code ?? "");
    const base = { row: line.row, taskNumber: null, title: indicator?.name ?? cells.name ?? "" };
    if (!cells.value && !cells.source && errors.length === 0) {
      rows.push({ ...base, action: "skip", errors: [] });
      continue;
    }
    if (!indicator) {
      rows.push({
        ...base,
        action: "skip",
        errors: [{ column: "指标代码", message: "不是本单位负责的指标（请勿修改指标代码）" }, ...errors],
      });
      continue;
    }
    const area =
      cells.area === "全省" || cells.area === "" ? PROVINCE : (cityByName.get(cells.area ?? "") ?? cityByName.get(`${cells.area}市`));
    if (!area) errors.push({ column: "地区（全省或设区市）", message: "地区应为“全省”或设区市名称，如“南昌市”" });
    else if (area !== PROVINCE && !indicator.cityLevel) errors.push({ column: "地区（全省或设区市）", message: "该指标只统计全省数值" });
    const candidate = {
      indicatorCode: indicator.code,
      area: area ?? PROVINCE,
      period: cells.period ?? "",
      value: cells.value ?? "",
      source: cells.source ?? "",
      note: cells.note ?? "",
    };
    const parsed = observationSchema.safeParse(candidate);
    if (!parsed.success) {
      const columnOf: Record<string, string> = { period: "期间（如2026或2026Q3）", value: "数值", source: "数据来源", note: "说明" };
      for (const issue of parsed.error.issues) errors.push({ column: columnOf[String(issue.path[0])] ?? "—", message: issue.message });
    } else {
      const key = `${indicator.code}/${parsed.data.area}/${periodText(parsed.data.period)}`;
      if (seen.has(key)) errors.push({ column: "期间（如2026或2026Q3）", message: "同一指标、地区和期间在文件中出现了多次" });
      seen.add(key);
      toCheck.push({
        value: { indicatorId: indicator.id, area: parsed.data.area, ...parsed.data.period, value: parsed.data.value },
        errors,
      });
      const status = taken.get(key);
      if (status)
        errors.push({
          column: "期间（如2026或2026Q3）",
          message: `该期间的数值${status === "ACCEPTED" ? "已审核通过" : "已提交待审核"}，不能重复填报`,
        });
    }
    rows.push({ ...base, action: "create", errors });
    if (errors.length === 0 && parsed.success)
      valid.push({
        indicatorCode: candidate.indicatorCode,
        area: candidate.area,
        period: candidate.period,
        value: candidate.value,
        source: candidate.source,
        note: candidate.note,
      });
  }
  // The data-quality rules, as on the form: an impossible value is a cell error here, not a failed import later.
  const checks = await db.$transaction((tx) =>
    checkValues(
      tx,
      toCheck.map((item) => item.value),
    ),
  );
  toCheck.forEach((item, index) => {
    const error = checks[index]!.error;
    if (error) item.errors.push({ column: "数值", message: error });
  });
  if (rows.some((row) => row.errors.length > 0)) return { batchId: null, fileError: null, rows };
  if (valid.length === 0) return { batchId: null, fileError: "文件中没有填写任何数值", rows };
  return { batchId: await keepBatch(KIND, user, file.name, valid), fileError: null, rows };
}

/** Submits every value of a confirmed batch for review, in one transaction. */
export async function applyObservationImport(batchId: number, user: SessionUser): Promise<number> {
  return applyBatch<BatchRow>(batchId, KIND, user, (tx, row) => writeObservation(tx, observationSchema.parse(row), user));
}
