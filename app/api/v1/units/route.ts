import { route } from "@/lib/core/route";
import { publicJson } from "@/lib/core/responses";
import { listUnits } from "@/lib/plan/units";
import { unitJson } from "@/lib/api/plan-json";
import type { UnitListBody } from "@/lib/api/units.contract";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async () => {
  const units = await listUnits();
  return publicJson({ data: units.map(unitJson) } satisfies UnitListBody);
});
