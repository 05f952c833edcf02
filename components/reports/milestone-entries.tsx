"use client";

import { useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { MilestoneLightBadge } from "@/components/measures/milestone-light-badge";
import { formatChineseDate } from "@/lib/core/dates";
import type { MilestoneLight } from "@/lib/measures/milestone-lights";
import { MILESTONE_OUTCOME_LABELS, MILESTONE_OUTCOMES, type MilestoneOutcome } from "@/lib/reports/milestone-outcomes";

export interface MilestoneEntryValues {
  outcome: MilestoneOutcome;
  doneDate: string;
  reason: string;
  newDate: string;
}

export interface ReportMilestoneItem {
  id: number;
  title: string;
  measure: string;
  /** ISO dates. */
  plannedDate: string;
  newDate: string | null;
  deliverable: string;
  light: MilestoneLight;
  /** A failed 销号核查 reopened it: what the reviewer found. */
  reopenedFinding: string | null;
  /** Verified by 销号核查: shown, no longer changed. */
  verified: boolean;
  initial: MilestoneEntryValues;
}

const field = "mt-1 min-h-11 w-full rounded border border-slate-300 bg-white px-2 py-1.5 sm:min-h-0";

/**
 * The report form's 节点 fieldset: each milestone of the quarter with its planned date, deliverable
 * and light, and what the unit records (按计划, 已完成 with the date, 滞后 with reason and new date,
 * 已取消 with reason). Inputs are uncontrolled and only hidden, never removed, so a refused save
 * keeps everything typed, including fields of another choice.
 */
export function MilestoneEntries({
  milestones,
  errors,
  today,
  onChange,
}: {
  milestones: ReportMilestoneItem[];
  errors: Record<string, string[]>;
  today: string;
  onChange: () => void;
}) {
  if (milestones.length === 0) return null;
  return (
    <fieldset className="rounded border border-slate-200 p-4">
      <legend className="px-1 font-medium">本季度节点完成情况</legend>
      <p className="mb-3 text-sm text-slate-600">
        列出本单位年度举措中计划在本季度及以前完成、尚未完成的节点。提交后将记入举措清单，已完成的节点经销号核查后计为完成。
      </p>
      <ul className="space-y-4">
        {milestones.map((milestone) => (
          <MilestoneEntry key={milestone.id} milestone={milestone} errors={errors} today={today} onChange={onChange} />
        ))}
      </ul>
    </fieldset>
  );
}

function MilestoneEntry({
  milestone,
  errors,
  today,
  onChange,
}: {
  milestone: ReportMilestoneItem;
  errors: Record<string, string[]>;
  today: string;
  onChange: () => void;
}) {
  const [outcome, setOutcome] = useState<MilestoneOutcome>(milestone.initial.outcome);
  const base = `milestone.${milestone.id}`;
  const id = (part: string) => `milestone-${milestone.id}-${part}`;
  const invalid = (part: string) =>
    errors[`${base}.${part}`] ? { "aria-invalid": true as const, "aria-describedby": `${id(part)}-error` } : {};
  const shown = (visible: boolean) => (visible ? "" : "hidden");
  return (
    <li className="rounded border border-slate-200 bg-slate-50 p-3" aria-label={`节点：${milestone.title}`}>
      <p className="font-medium">
        {milestone.title} <MilestoneLightBadge light={milestone.light} />
      </p>
      <p className="text-sm text-slate-600">
        举措：{milestone.measure} · 计划完成 <time dateTime={milestone.plannedDate}>{formatChineseDate(milestone.plannedDate)}</time>
        {milestone.newDate && <> · 调整为 {formatChineseDate(milestone.newDate)}</>} · 完成标志：{milestone.deliverable}
      </p>
      {milestone.reopenedFinding && (
        <p className="mt-1 rounded bg-red-50 px-2 py-1 text-sm text-red-900">销号核查未通过：{milestone.reopenedFinding}</p>
      )}
      <div className="mt-2 grid gap-3 sm:grid-cols-[1fr_1fr_2fr_1fr]">
        <div>
          <label htmlFor={id("outcome")} className="block text-sm">
            完成情况
          </label>
          <select
            id={id("outcome")}
            name={`${base}.outcome`}
            defaultValue={milestone.initial.outcome}
            disabled={milestone.verified}
            onChange={(event) => {
              setOutcome(event.target.value as MilestoneOutcome);
              onChange();
            }}
            className={field}
            {...invalid("outcome")}
          >
            {MILESTONE_OUTCOMES.map((option) => (
              <option key={option} value={option}>
                {MILESTONE_OUTCOME_LABELS[option]}
              </option>
            ))}
          </select>
          {/* A verified milestone is sent as it stands (a disabled select sends nothing). */}
          {milestone.verified && <input type="hidden" name={`${base}.outcome`} value={milestone.initial.outcome} />}
          <FieldError id={`${id("outcome")}-error`} errors={errors[`${base}.outcome`]} />
        </div>
        <div className={shown(outcome === "DONE")}>
          <label htmlFor={id("doneDate")} className="block text-sm">
            完成日期 <span className="text-red-700">*</span>
          </label>
          <input
            id={id("doneDate")}
            name={`${base}.doneDate`}
            type="date"
            max={today}
            readOnly={milestone.verified}
            defaultValue={milestone.initial.doneDate}
            className={field}
            {...invalid("doneDate")}
          />
          <FieldError id={`${id("doneDate")}-error`} errors={errors[`${base}.doneDate`]} />
        </div>
        <div className={shown(outcome === "LATE" || outcome === "DROPPED")}>
          <label htmlFor={id("reason")} className="block text-sm">
            {outcome === "DROPPED" ? "取消原因" : "滞后原因"} <span className="text-red-700">*</span>
          </label>
          <input
            id={id("reason")}
            name={`${base}.reason`}
            defaultValue={milestone.initial.reason}
            className={field}
            {...invalid("reason")}
          />
          <FieldError id={`${id("reason")}-error`} errors={errors[`${base}.reason`]} />
        </div>
        <div className={shown(outcome === "LATE")}>
          <label htmlFor={id("newDate")} className="block text-sm">
            新的计划完成日期 <span className="text-red-700">*</span>
          </label>
          <input
            id={id("newDate")}
            name={`${base}.newDate`}
            type="date"
            defaultValue={milestone.initial.newDate}
            className={field}
            {...invalid("newDate")}
          />
          <FieldError id={`${id("newDate")}-error`} errors={errors[`${base}.newDate`]} />
        </div>
      </div>
    </li>
  );
}
