/** Accepted values as other systems and spreadsheets read them: the public API and the Excel export. */
import "server-only";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import type { ObservationExportRow } from "@/lib/exports/sheets";
import { listAcceptedObservations } from "./observations";
import { indicatorExists } from "./catalogue";
import { periodText, PROVINCE } from "./observation-keys";

/**
 * Accepted values of an indicator for the province, one city (its code) or every area ("all");
 * NOT_FOUND for an unknown indicator, BAD_REQUEST for an area that is none of these.
 */
export async function listPublishedObservations(code: string, area: string) {
  const [indicator, city] = await Promise.all([
    indicatorExists(code),
    area === "all" || area === PROVINCE ? null : db.unit.findFirst({ where: { code: area, kind: "CITY" }, select: { id: true } }),
  ]);
  if (!indicator) throw new AppError("NOT_FOUND", `指标 ${code} 不存在`);
  if (area !== "all" && area !== PROVINCE && !city) throw new AppError("BAD_REQUEST", "area 应为 province、all 或设区市代码");
  return listAcceptedObservations(code, area === "all" ? undefined : area);
}

/** Accepted values of one indicator (by code) or of all, in the catalogue's order, as the export's rows. */
export async function listObservationsForExport(code?: string): Promise<ObservationExportRow[]> {
  const [rows, cities] = await Promise.all([
    db.indicatorObservation.findMany({
      where: { status: "ACCEPTED", ...(code ? { indicator: { code } } : {}) },
      orderBy: [{ indicator: { sortOrder: "asc" } }, { area: "asc" }, { year: "asc" }, { quarter: "asc" }],
      select: {
        area: true,
        year: true,
        quarter: true,
        value: true,
        source: true,
        demo: true,
        indicator: { select: { name: true, measureUnit: true } },
      },
    }),
    db.unit.findMany({ where: { kind: "CITY" }, select: { code: true, shortName: true } }),
  ]);
  const cityName = new Map(cities.map((city) => [city.code, city.shortName]));
  return rows.map((row) => ({
    indicator: row.indicator.name,
    measureUnit: row.indicator.measureUnit,
    area: row.area === PROVINCE ? "全省" : (cityName.get(row.area) ?? row.area),
    period: periodText(row),
    value: Number(row.value),
    source: row.source,
    demo: row.demo,
  }));
}
