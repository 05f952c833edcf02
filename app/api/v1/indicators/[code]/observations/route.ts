import { jsonError, publicJson } from "@/lib/core/responses";
import { listAcceptedObservations, periodText, PROVINCE } from "@/lib/indicators/observations";
import { db } from "@/lib/core/db";

export const dynamic = "force-dynamic";

/** Accepted values of an indicator: the province (default), one city (?area=nanchang) or all (?area=all). */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const area = new URL(request.url).searchParams.get("area") ?? PROVINCE;
  if (!/^[A-Z0-9_]{2,64}$/.test(code) || !(await db.indicator.findUnique({ where: { code }, select: { id: true } }))) {
    return jsonError(404, `指标 ${code} 不存在`);
  }
  if (area !== "all" && area !== PROVINCE && !(await db.unit.findFirst({ where: { code: area, kind: "CITY" }, select: { id: true } }))) {
    return jsonError(400, "area 应为 province、all 或设区市代码");
  }
  const rows = await listAcceptedObservations(code, area === "all" ? undefined : area);
  return publicJson({
    data: rows.map((row) => ({
      area: row.area,
      period: periodText(row),
      value: Number(row.value),
      source: row.source,
      demo: row.demo,
    })),
  });
}
