import { listIndicators } from "@/lib/data/indicators";
import { publicJson } from "@/lib/api/responses";
import { indicatorJson } from "@/lib/api/plan-json";

export const dynamic = "force-dynamic";

export async function GET() {
  const indicators = await listIndicators();
  return publicJson({ data: indicators.map(indicatorJson) });
}
