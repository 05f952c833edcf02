import { MILESTONE_LIGHT_LABELS, type MilestoneLight } from "@/lib/measures/milestone-lights";

/** Colour, shape and text together, so colour is never the only cue. */
export const MILESTONE_LIGHT_TONES: Record<MilestoneLight, { box: string; mark: string }> = {
  VERIFIED: { box: "border-sky-300 bg-sky-50 text-sky-900", mark: "✓" },
  DONE_UNVERIFIED: { box: "border-teal-300 bg-teal-50 text-teal-900", mark: "◎" },
  DROPPED: { box: "border-slate-300 bg-slate-50 text-slate-700", mark: "—" },
  OVERDUE: { box: "border-red-400 bg-red-100 text-red-950", mark: "■" },
  DUE_SOON: { box: "border-amber-300 bg-amber-50 text-amber-900", mark: "◆" },
  ON_TRACK: { box: "border-green-300 bg-green-50 text-green-900", mark: "●" },
};

export function MilestoneLightBadge({ light }: { light: MilestoneLight }) {
  const tone = MILESTONE_LIGHT_TONES[light];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${tone.box}`}>
      <span aria-hidden="true">{tone.mark}</span>
      {MILESTONE_LIGHT_LABELS[light]}
    </span>
  );
}
