import "server-only";
import { cache } from "react";
import { momentFor } from "@/lib/status/status-snapshot";
import type { Quarter } from "@/lib/core/quarters";
import { listSections } from "@/lib/plan/tasks";
import { listUnitOptions } from "@/lib/plan/units";
import { milestoneGroups } from "@/lib/measures/milestone-progress";
import {
  countLights,
  NO_MILESTONES_DUE,
  onTimeBreakdown,
  rankOnTime,
  type OnTimeRank,
  type OnTimeTally,
} from "@/lib/measures/milestone-tallies";

/** The dashboards' milestone figures, on the day of the view's moment (momentFor: APP_TODAY, or a past quarter's window close). */

/** The 节点 panel: milestones per light under the dashboard's filters. One query. */
export async function milestoneLightCounts(filter: { quarter?: Quarter; unitCode?: string; section?: number }) {
  const [moment, groups] = await Promise.all([momentFor(filter.quarter), milestoneGroups(filter)]);
  const counts = countLights(groups, moment.today);
  return { today: moment.today, counts, total: groups.reduce((sum, group) => sum + group.count, 0) };
}

export interface OnTimeView {
  today: string;
  overall: OnTimeTally;
  sections: OnTimeRank<{ number: number; title: string }>[];
  provincial: OnTimeRank<{ code: string; shortName: string }>[];
  cities: OnTimeRank<{ code: string; shortName: string }>[];
}

/**
 * The leaders' view: the share of milestones done on time per section, provincial unit and city,
 * each ranked. One query on the milestones (plus the cached lists of sections and units).
 */
export const milestoneOnTimeView = cache(async (quarter?: Quarter): Promise<OnTimeView> => {
  const [moment, groups, sections, units] = await Promise.all([momentFor(quarter), milestoneGroups(), listSections(), listUnitOptions()]);
  const { today } = moment;
  const { bySection, byUnit, overall } = onTimeBreakdown(groups, today);
  const rankUnits = (kind: "PROVINCIAL" | "CITY") =>
    rankOnTime(
      units
        .filter((unit) => unit.kind === kind)
        .map((unit) => ({ item: { code: unit.code, shortName: unit.shortName }, tally: byUnit.get(unit.id) ?? NO_MILESTONES_DUE })),
    );
  return {
    today,
    overall,
    sections: rankOnTime(sections.map((section) => ({ item: section, tally: bySection.get(section.number) ?? NO_MILESTONES_DUE }))),
    provincial: rankUnits("PROVINCIAL"),
    cities: rankUnits("CITY"),
  };
});
