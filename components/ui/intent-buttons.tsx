/** The row of submit buttons under a form, each sending its own value of one field (intent or decision). */
export interface IntentButton {
  value: string;
  label: React.ReactNode;
  /** primary: the filled main action; outline: a secondary one (save draft); danger: return; caution: carry forward. */
  tone: "primary" | "outline" | "danger" | "caution";
}

const TONES: Record<IntentButton["tone"], string> = {
  primary: "bg-brand-700 text-white",
  outline: "border border-brand-700 text-brand-700",
  danger: "border border-red-700 text-red-800",
  caution: "border border-amber-700 text-amber-900",
};

/** Disabled while the request runs, so one click sends one request. */
export function IntentButtons({ name, buttons, pending }: { name: string; buttons: readonly IntentButton[]; pending: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      {buttons.map((button) => (
        <button
          key={button.value}
          type="submit"
          name={name}
          value={button.value}
          disabled={pending}
          className={`min-h-11 rounded px-4 py-2 disabled:opacity-60 sm:min-h-0 ${TONES[button.tone]}`}
        >
          {button.label}
        </button>
      ))}
    </div>
  );
}

/** 保存草稿 / 提交审核 of the unit's forms (report, measure list). */
export function SaveSubmitButtons({ pending }: { pending: boolean }) {
  return (
    <IntentButtons
      name="intent"
      pending={pending}
      buttons={[
        { value: "save", label: pending ? "处理中…" : "保存草稿", tone: "outline" },
        { value: "submit", label: "提交审核", tone: "primary" },
      ]}
    />
  );
}
