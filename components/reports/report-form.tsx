"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { saveReportAction } from "@/lib/reports/actions";
import { initialFormState } from "@/lib/core/form-state";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { PROGRESS_STATE_LABELS, type ProgressState } from "@/lib/status/status-rules";

export interface ReportFormValues {
  progressState: ProgressState;
  percent: number;
  progress: string;
  problems: string;
  nextSteps: string;
  figures: Record<string, { value: string; period: string; note: string }>;
}

interface Props {
  taskNumber: number;
  quarter: string;
  version: number;
  indicators: { code: string; name: string; measureUnit: string; targets: string }[];
  initial: ReportFormValues | null;
  previous: ReportFormValues | null;
  defaultPeriod: string;
}

const STATES = Object.keys(PROGRESS_STATE_LABELS) as ProgressState[];

export function ReportForm({ taskNumber, quarter, version, indicators, initial, previous, defaultPeriod }: Props) {
  const [state, formAction, pending] = useActionState(saveReportAction, initialFormState);
  // The version this form was loaded with. It must not follow a background refresh of the page:
  // a save based on what this person saw has to be refused if someone else saved in between.
  const [loadedVersion] = useState(version);
  // One key per attempt to save this form: a resent request (lost answer, double click) is applied once.
  const [requestId] = useState(() => crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  const [dirty, setDirty] = useState(false);
  const [copied, setCopied] = useState(false);
  const errors = state.fieldErrors;
  const value = (name: string, fallback: string) => state.values[name] ?? fallback;

  // Warn before leaving with unsaved text; a failed save keeps it unsaved.
  const unsaved = dirty || (!state.ok && state.message !== "");
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!unsaved) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  function copyFromPrevious() {
    const form = formRef.current;
    if (!form || !previous) return;
    const set = (name: string, next: string) => {
      const field = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
      if (field) field.value = next;
    };
    set("progressState", previous.progressState);
    set("percent", String(previous.percent));
    set("progress", previous.progress);
    set("problems", previous.problems);
    set("nextSteps", previous.nextSteps);
    for (const [code, figure] of Object.entries(previous.figures)) {
      set(`figure.${code}.value`, figure.value);
      set(`figure.${code}.period`, figure.period);
      set(`figure.${code}.note`, figure.note);
    }
    setDirty(true);
    setCopied(true);
  }

  const describedBy = (name: string) => (errors[name] ? `${name.replaceAll(".", "-")}-error` : undefined);
  const field = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5";

  return (
    <form
      ref={formRef}
      action={formAction}
      onChange={() => setDirty(true)}
      onSubmit={() => setDirty(false)}
      aria-label="进展报告"
      className="space-y-5"
      noValidate
    >
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="quarter" value={quarter} />
      <input type="hidden" name="version" value={loadedVersion} />
      <input type="hidden" name="requestId" value={requestId} />

      {previous && (
        <div className="no-print flex items-center gap-3">
          <button
            type="button"
            onClick={copyFromPrevious}
            className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100"
          >
            复制上季度内容
          </button>
          {copied && (
            <span role="status" className="text-sm text-slate-700">
              已填入上季度内容，请修改后保存。
            </span>
          )}
        </div>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="progressState" className="block font-medium">
            进展状态 <span className="text-red-700">*</span>
          </label>
          <select
            id="progressState"
            name="progressState"
            defaultValue={value("progressState", initial?.progressState ?? "ON_TRACK")}
            aria-invalid={errors.progressState ? true : undefined}
            aria-describedby={describedBy("progressState")}
            className={field}
          >
            {STATES.map((option) => (
              <option key={option} value={option}>
                {PROGRESS_STATE_LABELS[option]}
              </option>
            ))}
          </select>
          <FieldError id="progressState-error" errors={errors.progressState} />
        </div>
        <div>
          <label htmlFor="percent" className="block font-medium">
            完成百分比（0–100） <span className="text-red-700">*</span>
          </label>
          <input
            id="percent"
            name="percent"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            defaultValue={value("percent", String(initial?.percent ?? 0))}
            aria-invalid={errors.percent ? true : undefined}
            aria-describedby={describedBy("percent")}
            className={field}
          />
          <FieldError id="percent-error" errors={errors.percent} />
        </div>
      </div>

      {(
        [
          ["progress", "工作进展", true],
          ["problems", "存在问题", false],
          ["nextSteps", "下步计划", false],
        ] as const
      ).map(([name, label, required]) => (
        <div key={name}>
          <label htmlFor={name} className="block font-medium">
            {label} {required && <span className="text-red-700">*</span>}
          </label>
          <textarea
            id={name}
            name={name}
            rows={name === "progress" ? 6 : 3}
            defaultValue={value(name, initial?.[name] ?? "")}
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={describedBy(name)}
            className={field}
          />
          <FieldError id={`${name}-error`} errors={errors[name]} />
        </div>
      ))}

      {indicators.length > 0 && (
        <fieldset className="rounded border border-slate-200 p-4">
          <legend className="px-1 font-medium">相关指标数值（有则填写）</legend>
          <div className="space-y-4">
            {indicators.map((indicator) => {
              const base = `figure.${indicator.code}`;
              const current = initial?.figures[indicator.code];
              return (
                <div key={indicator.code} className="grid gap-2 sm:grid-cols-[2fr_1fr_1fr_2fr] sm:items-start">
                  <p className="text-sm">
                    <strong>{indicator.name}</strong>
                    <span className="block text-slate-600">目标：{indicator.targets}</span>
                  </p>
                  {(
                    [
                      ["value", `数值（${indicator.measureUnit}）`, current?.value ?? ""],
                      ["period", "所属期间", current?.period ?? defaultPeriod],
                      ["note", "说明", current?.note ?? ""],
                    ] as const
                  ).map(([part, label, fallback]) => {
                    const name = `${base}.${part}`;
                    const id = name.replaceAll(".", "-");
                    return (
                      <div key={part}>
                        <label htmlFor={id} className="block text-sm">
                          {label}
                        </label>
                        <input
                          id={id}
                          name={name}
                          aria-label={`${indicator.name}·${label}`}
                          inputMode={part === "value" ? "decimal" : undefined}
                          defaultValue={value(name, fallback)}
                          aria-invalid={errors[name] ? true : undefined}
                          aria-describedby={describedBy(name)}
                          className={field}
                        />
                        <FieldError id={`${id}-error`} errors={errors[name]} />
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </fieldset>
      )}

      <FormMessage ok={state.ok} message={state.message} />
      <div className="flex gap-3">
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={pending}
          className="rounded border border-brand-700 px-4 py-2 text-brand-700 disabled:opacity-60"
        >
          {pending ? "处理中…" : "保存草稿"}
        </button>
        <button
          type="submit"
          name="intent"
          value="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60"
        >
          提交审核
        </button>
      </div>
    </form>
  );
}
