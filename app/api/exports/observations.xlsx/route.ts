import { withPermission } from "@/lib/core/route";
import { jsonError } from "@/lib/core/responses";
import { db } from "@/lib/core/db";
import { periodText } from "@/lib/indicators/observations";
import { observationsSheet } from "@/lib/exports/sheets";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

/** Accepted values of one indicator (?code=PM25) or of all. */
export async function GET(request: Request) {
  return withPermission("plan:read", async () => {
    const code = new URL(request.url).searchParams.get("code");
    if (code !== null && !/^[A-Z0-9_]{2,64}$/.test(code)) return jsonError(400, "code 应为指标代码");
    const [rows, cities] = await Promise.all([
      db.indicatorObservation.findMany({
        where: { status: "ACCEPTED", ...(code ? { indicator: { code } } : {}) },
        orderBy: [{ indicator: { sortOrder: "asc" } }, { area: "asc" }, { year: "asc" }, { quarter: "asc" }],
        select: { area: true, year: true, quarter: true, value: true, source: true, demo: true, indicator: { select: { name: true, measureUnit: true } } },
      }),
      db.unit.findMany({ where: { kind: "CITY" }, select: { code: true, shortName: true } }),
    ]);
    const cityName = new Map(cities.map((city) => [city.code, city.shortName]));
    const sheet = observationsSheet(
      rows.map((row) => ({
        indicator: row.indicator.name,
        measureUnit: row.indicator.measureUnit,
        area: row.area === "province" ? "全省" : (cityName.get(row.area) ?? row.area),
        period: periodText(row),
        value: Number(row.value),
        source: row.source,
        demo: row.demo,
      })),
    );
    return xlsxResponse(await buildWorkbook([sheet]), code ? `指标数值_${code}.xlsx` : "指标数值.xlsx");
  }, "observations.xlsx");
}
