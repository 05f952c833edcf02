"use client";

import { adoptDefaultSchemeAction } from "@/lib/results-assessment/actions";
import { FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** Take the seeded default scheme (shaped after 《美丽中国建设成效考核办法》) as the year's scheme. */
export function AdoptDefaultForm({ year, basedOn }: { year: number; basedOn: number }) {
  const { pending, formProps, messageProps } = useFormAction(adoptDefaultSchemeAction, { guardUnsaved: false });
  return (
    <form {...formProps} aria-label="采用默认方案" className="space-y-2">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="basedOn" value={basedOn} />
      <button type="submit" disabled={pending} className="rounded border border-brand-700 px-4 py-2 text-brand-700 disabled:opacity-60">
        采用默认方案
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
