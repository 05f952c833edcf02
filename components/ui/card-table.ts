/**
 * A data table that reads as one card per row below md (a phone) and as the usual table from md
 * up. Below md the header row is hidden and each cell shows its column's name from `data-label`,
 * so a narrow screen never squeezes eight columns into one character each.
 */
export const CARD_TABLE = "block md:table";
export const CARD_HEAD = "hidden md:table-header-group";
export const CARD_BODY = "block space-y-3 md:table-row-group md:space-y-0";
export const CARD_ROW =
  "block rounded-lg border border-slate-200 bg-white p-3 md:table-row md:rounded-none md:border-x-0 md:border-b-0 md:p-0";
/** The label sits in the left 4.5rem of the card, the value beside it (wrapping under itself). */
export const CARD_CELL =
  "relative block py-1 pl-20 before:absolute before:left-0 before:top-1 before:w-18 before:text-slate-600 before:content-[attr(data-label)] md:table-cell md:px-3 md:py-2 md:before:content-none";
