/**
 * The task page's milestone timeline (甘特图式), laid out without I/O: a shared month axis that
 * spans every milestone and today, each milestone's place on it in percent, and lanes so that
 * markers close in time stack instead of covering each other. Rendering is plain server markup
 * (components/measures/milestone-timeline.tsx).
 */
import type { MilestoneLight } from "./milestone-lights";

export interface TimelineMilestone {
  id: number;
  title: string;
  /** ISO date. */
  plannedDate: string;
  light: MilestoneLight;
}

export interface TimelineRowInput {
  key: string;
  label: string;
  milestones: readonly TimelineMilestone[];
}

export interface TimelineMonth {
  /** "2026-03". */
  key: string;
  year: number;
  month: number;
  /** Percent of the axis from its start, and the month's width. */
  left: number;
  width: number;
  /** Whether the month's name is written (all months up to 18, else the quarters' first months). */
  labelled: boolean;
}

export interface TimelineMarker extends TimelineMilestone {
  left: number;
  /** 0-based stacking lane within its row. */
  lane: number;
}

export interface TimelineLayout {
  /** First day of the first month, first day after the last month (ISO). */
  start: string;
  end: string;
  months: TimelineMonth[];
  years: { year: number; left: number; width: number }[];
  today: { date: string; left: number };
  rows: { key: string; label: string; lanes: number; markers: TimelineMarker[] }[];
}

/** Markers nearer than this (percent of the axis) go to different lanes. */
export const LANE_GAP = 4;
const MONTHS_ALL_LABELLED = 18;

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10);

/** The layout of `rows` around `today`; null when there is no milestone to show. */
export function layoutTimeline(rows: readonly TimelineRowInput[], today: string): TimelineLayout | null {
  const dates = rows.flatMap((row) => row.milestones.map((milestone) => milestone.plannedDate));
  if (dates.length === 0) return null;
  const sorted = [...dates, today].sort();
  const [firstYear, firstMonth] = sorted[0]!.split("-").map(Number) as [number, number];
  const [lastYear, lastMonth] = sorted.at(-1)!.split("-").map(Number) as [number, number];
  const start = monthStart(firstYear, firstMonth);
  const end = monthStart(lastYear, lastMonth + 1);
  const span = dayNumber(end) - dayNumber(start);
  // A day's middle, so that the first and last days of the axis are inside it.
  const at = (isoDate: string) => Math.round(((dayNumber(isoDate) - dayNumber(start) + 0.5) / span) * 10_000) / 100;
  const edge = (isoDate: string) => Math.round(((dayNumber(isoDate) - dayNumber(start)) / span) * 10_000) / 100;

  const months: TimelineMonth[] = [];
  for (let index = 0; ; index += 1) {
    const from = monthStart(firstYear, firstMonth + index);
    if (from >= end) break;
    const next = monthStart(firstYear, firstMonth + index + 1);
    const [year, month] = from.split("-").map(Number) as [number, number];
    months.push({ key: from.slice(0, 7), year, month, left: edge(from), width: edge(next) - edge(from), labelled: false });
  }
  for (const month of months) month.labelled = months.length <= MONTHS_ALL_LABELLED || (month.month - 1) % 3 === 0;

  const years: TimelineLayout["years"] = [];
  for (const month of months) {
    const last = years.at(-1);
    if (last?.year === month.year) last.width = Math.round((last.width + month.width) * 100) / 100;
    else years.push({ year: month.year, left: month.left, width: month.width });
  }

  return {
    start,
    end,
    months,
    years,
    today: { date: today, left: at(today) },
    rows: rows.map((row) => {
      const laneEnds: number[] = [];
      const markers = [...row.milestones]
        .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || a.id - b.id)
        .map((milestone) => {
          const left = at(milestone.plannedDate);
          let lane = laneEnds.findIndex((lastLeft) => left - lastLeft >= LANE_GAP);
          if (lane === -1) lane = laneEnds.length;
          laneEnds[lane] = left;
          return { ...milestone, left, lane };
        });
      return { key: row.key, label: row.label, lanes: Math.max(1, laneEnds.length), markers };
    }),
  };
}
