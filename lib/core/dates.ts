/** Calendar dates are stored as UTC midnight (Postgres DATE); format them without a timezone shift. */
export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "2027-12-31" → "2027年12月31日". */
export function formatChineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

/** A moment as people in Jiangxi read it: "2026/11/25 14:03:07", China time, 24-hour clock. */
export function formatChinaTime(date: Date): string {
  return date.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}
