import type { Locator } from "@playwright/test";

/** Fills a measure's milestone groups in order: title, planned date (YYYY-MM-DD) and deliverable each. */
export async function fillMilestones(measure: Locator, milestones: readonly (readonly [string, string, string])[]) {
  for (const [index, [title, date, deliverable]] of milestones.entries()) {
    const group = measure.getByRole("group", { name: new RegExp(`^节点 ${index + 1}`) });
    await group.getByLabel("节点名称").fill(title);
    await group.getByLabel("计划完成日期").fill(date);
    await group.getByLabel(/完成标志/).fill(deliverable);
  }
}
