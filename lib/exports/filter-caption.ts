import "server-only";
import { unitNamesByCode } from "@/lib/plan/unit-names";
import { filterText, type FilterCaption } from "./sheets";

/** The filters of an export's address as its caption, units named in Chinese. */
export async function exportFilterText(search: URLSearchParams, captions: Partial<Record<string, FilterCaption>> = {}): Promise<string> {
  return filterText(search, await unitNamesByCode(), captions);
}
