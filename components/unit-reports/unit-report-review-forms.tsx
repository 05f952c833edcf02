"use client";

import { reviewUnitReportAction, setUnitReportDeadlineAction, unlockUnitReportAction } from "@/lib/unit-reports/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** Accept or return one submitted unit report; returning needs a comment the unit sees. */
export function UnitReportReviewForm({ reportId, version, name }: { reportId: number; version: number; name: string }) {
  const { state, pending, formProps, messageProps } = useFormAction(reviewUnitReportAction, { guardUnsaved: false });
  const errors = state.fieldErrors.comment;
  const id = `unit-report-review-${reportId}`;
  return (
    <form {...formProps} aria-label={`审核${name}`} className="space-y-2">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="block text-sm font-medium">
        审核意见（退回时必填）
      </label>
      <textarea
        id={id}
        name="comment"
        rows={2}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className="w-full rounded border border-slate-300 px-2 py-1.5"
      />
      <FieldError id={`${id}-error`} errors={errors} />
      <FormMessage {...messageProps} />
      <div className="flex gap-3">
        <button
          type="submit"
          name="decision"
          value="accept"
          disabled={pending}
          className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60"
        >
          审核通过
        </button>
        <button
          type="submit"
          name="decision"
          value="return"
          disabled={pending}
          className="rounded border border-red-700 px-4 py-2 text-red-800 disabled:opacity-60"
        >
          退回修改
        </button>
      </div>
    </form>
  );
}

/** Unlock an accepted unit report with a reason; it goes back to the unit as returned. */
export function UnitReportUnlockForm({ reportId, version, name }: { reportId: number; version: number; name: string }) {
  const { state, pending, formProps, messageProps } = useFormAction(unlockUnitReportAction, { guardUnsaved: false });
  const id = `unit-report-unlock-${reportId}`;
  const errors = state.fieldErrors.reason;
  return (
    <form {...formProps} aria-label={`解锁${name}`} className="space-y-2">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="block text-sm font-medium">
        解锁原因
      </label>
      <input
        id={id}
        name="reason"
        className="w-full rounded border border-slate-300 px-2 py-1.5"
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} errors={errors} />
      <FormMessage {...messageProps} />
      <button type="submit" disabled={pending} className="rounded border border-slate-500 px-3 py-1.5 disabled:opacity-60">
        解锁并退回
      </button>
    </form>
  );
}

/** The year's deadline (报送截止日期). */
export function UnitReportDeadlineForm({ year, version, deadline }: { year: number; version: number; deadline: string | null }) {
  const { state, pending, formProps, messageProps } = useFormAction(setUnitReportDeadlineAction, { guardUnsaved: false });
  const errors = state.fieldErrors.deadline;
  return (
    <form {...formProps} aria-label="设置报送截止日期" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor="deadline" className="block text-sm font-medium">
          报送截止日期
        </label>
        <input
          id="deadline"
          name="deadline"
          type="date"
          defaultValue={deadline ?? ""}
          className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "deadline-error" : undefined}
        />
        <FieldError id="deadline-error" errors={errors} />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
        保存截止日期
      </button>
      <div className="w-full">
        <FormMessage {...messageProps} />
      </div>
    </form>
  );
}
