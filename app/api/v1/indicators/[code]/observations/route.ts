import { route } from "@/lib/core/route";
import { publicJson } from "@/lib/core/responses";
import { listPublishedObservations } from "@/lib/indicators/accepted-observations";
import { observationJson } from "@/lib/api/indicator-json";
import { IndicatorPathSchema, ObservationQuerySchema, type ObservationListBody } from "@/lib/api/indicators.contract";

export const dynamic = "force-dynamic";

/** Accepted values of an indicator: the province (default), one city (?area=nanchang) or all (?area=all). */
export const GET = route({ auth: "public", params: IndicatorPathSchema, query: ObservationQuerySchema }, async ({ params, query }) => {
  const rows = await listPublishedObservations(params.code, query.area);
  return publicJson({ data: rows.map(observationJson) } satisfies ObservationListBody);
});
