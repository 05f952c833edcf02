import { listUnits } from "@/lib/plan/units";
import { publicJson } from "@/lib/core/responses";
import { unitJson } from "@/lib/api/plan-json";

export const dynamic = "force-dynamic";

export async function GET() {
  const units = await listUnits();
  return publicJson({ data: units.map(unitJson) });
}
