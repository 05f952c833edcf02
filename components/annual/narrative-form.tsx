"use client";

import { useState } from "react";
import { saveNarrativeAction } from "@/lib/annual/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { Narrative } from "@/lib/annual/annual-text";
import { useFormAction } from "@/components/ui/use-form-action";

const FIELDS: [keyof Narrative, string][] = [
  ["intro", "一、总体情况"],
  ["problems", "四、存在的问题（概述）"],
  ["nextSteps", "五、下一步工作安排（概述）"],
];

/** The reviewer edits the narrative; every save is a version, an edit on an old one is refused. */
export function NarrativeForm({ year, version, narrative }: { year: number; version: number; narrative: Narrative }) {
  const { state, pending, formProps, messageProps } = useFormAction(saveNarrativeAction);
  const [loadedVersion] = useState(version);
  return (
    <form {...formProps} aria-label="编辑报告正文" className="space-y-3" noValidate>
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={loadedVersion} />
      {FIELDS.map(([name, label]) => (
        <div key={name}>
          <label htmlFor={`narrative-${name}`} className="block font-medium">
            {label}
          </label>
          <textarea
            id={`narrative-${name}`}
            name={name}
            rows={5}
            defaultValue={state.values[name] ?? narrative[name]}
            aria-invalid={state.fieldErrors[name] ? true : undefined}
            aria-describedby={state.fieldErrors[name] ? `narrative-${name}-error` : undefined}
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5 leading-7"
          />
          <FieldError id={`narrative-${name}-error`} errors={state.fieldErrors[name]} />
        </div>
      ))}
      <FormMessage {...messageProps} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
        {pending ? "保存中…" : "保存正文"}
      </button>
    </form>
  );
}
