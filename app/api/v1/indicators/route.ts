import { listIndicators } from "@/lib/indicators/catalogue";
import { publicJson } from "@/lib/core/responses";
import { indicatorJson } from "@/lib/api/plan-json";

export const dynamic = "force-dynamic";

export async function GET() {
  const indicators = await listIndicators();
  return publicJson({ data: indicators.map(indicatorJson) });
}
