import { route } from "@/lib/core/route";
import { publicJson } from "@/lib/core/responses";
import { listIndicators } from "@/lib/indicators/catalogue";
import { indicatorJson } from "@/lib/api/plan-json";
import type { IndicatorListBody } from "@/lib/api/indicators.contract";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async () => {
  const indicators = await listIndicators();
  return publicJson({ data: indicators.map(indicatorJson) } satisfies IndicatorListBody);
});
