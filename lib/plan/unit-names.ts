import "server-only";
import { cache } from "react";
import { db } from "@/lib/core/db";

/**
 * Units' Chinese short names by code, for text people read: a code from an address or a stored
 * row (`nanchang`) is never shown as it is. One query per request.
 */
export const unitNamesByCode = cache(async (): Promise<ReadonlyMap<string, string>> => {
  const units = await db.unit.findMany({ select: { code: true, shortName: true } });
  return new Map(units.map((unit) => [unit.code, unit.shortName]));
});

/** The short name of the unit with this code, or a neutral placeholder for a code that names none. */
export async function unitNameOf(code: string): Promise<string> {
  return (await unitNamesByCode()).get(code) ?? UNKNOWN_UNIT;
}

export const UNKNOWN_UNIT = "（未知单位）";
