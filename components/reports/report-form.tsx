"use client";

import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { saveReportAction } from "@/lib/reports/actions";
import type { FormState } from "@/lib/core/form-state";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { SaveSubmitButtons } from "@/components/ui/intent-buttons";
import { useFormAction } from "@/components/ui/use-form-action";
import { contentDifferences, contentOfForm, reportConflictOf, type ReportContent } from "@/lib/reports/report-diff";
import { PROGRESS_STATE_LABELS, type ProgressState } from "@/lib/status/status-rules";
import { ConflictPanel } from "./conflict-panel";
import { MilestoneEntries, type ReportMilestoneItem } from "./milestone-entries";
import { requestEntries, useRequestKey } from "./use-request-key";

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
  /** `warning`: the data-quality warning stored with the saved figure (a far jump), shown beside it. */
  indicators: { code: string; name: string; measureUnit: string; targets: string; warning?: string | null }[];
  initial: ReportFormValues | null;
  previous: ReportFormValues | null;
  defaultPeriod: string;
  /** The quarter's milestones (节点) and what this report records of them. */
  milestones?: ReportMilestoneItem[];
  /** China's date today (ISO): a done date may not be later. */
  today?: string;
}

const STATES = Object.keys(PROGRESS_STATE_LABELS) as ProgressState[];
const TEXT_FIELDS = ["progressState", "percent", "progress", "problems", "nextSteps"] as const;

const contentOf = (values: ReportFormValues): ReportContent => ({
  ...values,
  figures: Object.entries(values.figures).map(([indicator, figure]) => ({ indicator, ...figure })),
});

export function ReportForm({
  taskNumber,
  quarter,
  version,
  indicators,
  initial,
  previous,
  defaultPeriod,
  milestones = [],
  today = "",
}: Props) {
  const form = useFormAction(saveReportAction);
  const { state, pending, formRef } = form;
  // The version this form is based on: the one it was loaded with (never a background refresh's,
  // so a save is refused if someone else saved in between) until the user, shown the other
  // version, chooses to build on it.
  const [baseVersion, setBaseVersion] = useState(version);
  // One idempotency key per distinct request (the base version is one of its fields).
  const { ref: requestIdRef, stamp: stampRequest } = useRequestKey();
  // The form's fields as they are now, for the comparison after a stale save.
  const [live, setLive] = useState<Record<string, string> | null>(null);
  // The refusal whose comparison the user has dealt with (taken the other version).
  const [settled, setSettled] = useState<FormState | null>(null);
  const [copied, setCopied] = useState(false);
  const errors = state.fieldErrors;

  const conflict = state.code === "CONFLICT" && state !== settled ? reportConflictOf(state.data) : null;
  const differences = conflict ? contentDifferences(conflict.record, contentOfForm(live ?? state.values), indicators) : [];
  const differing = new Set(differences.map((difference) => difference.key));

  const refreshLive = () => {
    if (formRef.current) setLive(Object.fromEntries(requestEntries(formRef.current)));
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (pending) {
      event.preventDefault();
      return;
    }
    stampRequest(event, state.ok);
    form.formProps.onSubmit(event);
  }

  /** Puts `content` into the named fields (`figure.<code>` for an indicator's three), as typing would. */
  function fill(content: ReportContent, keys: readonly string[]) {
    const element = formRef.current;
    if (!element) return;
    const set = (name: string, next: string) => {
      const field = element.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
      if (field) field.value = next;
    };
    for (const key of keys) {
      if (key.startsWith("figure.")) {
        const figure = content.figures.find((candidate) => `figure.${candidate.indicator}` === key);
        set(`${key}.value`, figure?.value ?? "");
        if (figure) set(`${key}.period`, figure.period);
        set(`${key}.note`, figure?.note ?? "");
      } else {
        set(key, String(content[key as (typeof TEXT_FIELDS)[number]]));
      }
    }
    form.markDirty();
    refreshLive();
  }

  function copyFromPrevious() {
    if (!previous) return;
    fill(contentOf(previous), [...TEXT_FIELDS, ...Object.keys(previous.figures).map((code) => `figure.${code}`)]);
    setCopied(true);
  }

  function keepMine() {
    if (!conflict || !formRef.current) return;
    // Based on the version just shown: refused again if yet another save came in between.
    flushSync(() => setBaseVersion(conflict.version));
    const intent = state.values.intent === "submit" ? "submit" : "save";
    formRef.current.requestSubmit(formRef.current.querySelector<HTMLButtonElement>(`button[name="intent"][value="${intent}"]`));
  }

  function takeTheirs() {
    if (!conflict) return;
    fill(conflict.record, [...TEXT_FIELDS, ...indicators.map((indicator) => `figure.${indicator.code}`)]);
    setBaseVersion(conflict.version);
    setSettled(state);
  }

  const describedBy = (name: string) => (errors[name] ? `${name.replaceAll(".", "-")}-error` : undefined);
  const field = "mt-1 min-h-11 w-full rounded border border-slate-300 bg-white px-2 py-1.5 sm:min-h-0";
  const differsMark = (key: string) =>
    differing.has(key) ? <span className="ml-2 rounded bg-amber-200 px-1.5 text-xs text-amber-900">与对方版本不同</span> : null;

  return (
    <form
      {...form.formProps}
      onSubmit={onSubmit}
      onChange={() => {
        form.formProps.onChange();
        refreshLive();
      }}
      aria-label="进展报告"
      className="space-y-5"
      noValidate
    >
      <input type="hidden" name="taskNumber" value={taskNumber} />
      <input type="hidden" name="quarter" value={quarter} />
      <input type="hidden" name="version" value={baseVersion} />
      {/* Set when a request is sent (see onSubmit); React never writes it. */}
      <input type="hidden" name="requestId" ref={requestIdRef} />

      {previous && (
        <div className="no-print flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={copyFromPrevious}
            className="min-h-11 rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100 sm:min-h-0"
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
          <label htmlFor="progressState" className="inline-block font-medium">
            进展状态 <span className="text-red-700">*</span>
          </label>
          {differsMark("progressState")}
          <select
            id="progressState"
            name="progressState"
            defaultValue={initial?.progressState ?? "ON_TRACK"}
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
          <label htmlFor="percent" className="inline-block font-medium">
            完成百分比（0–100） <span className="text-red-700">*</span>
          </label>
          {differsMark("percent")}
          <input
            id="percent"
            name="percent"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            defaultValue={String(initial?.percent ?? 0)}
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
          <label htmlFor={name} className="inline-block font-medium">
            {label} {required && <span className="text-red-700">*</span>}
          </label>
          {differsMark(name)}
          <textarea
            id={name}
            name={name}
            rows={name === "progress" ? 6 : 3}
            defaultValue={initial?.[name] ?? ""}
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
                    {differsMark(base)}
                    <span className="block text-slate-600">目标：{indicator.targets}</span>
                    {indicator.warning && (
                      <span className="mt-1 block rounded bg-amber-50 px-2 py-1 text-amber-900">提示：{indicator.warning}</span>
                    )}
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
                          defaultValue={fallback}
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

      <MilestoneEntries milestones={milestones} errors={errors} today={today} onChange={form.markDirty} />

      <FormMessage {...form.messageProps} />
      {conflict && (
        <ConflictPanel
          conflict={conflict}
          differences={differences}
          pending={pending}
          onKeepMine={keepMine}
          onTakeTheirs={takeTheirs}
          onTakeField={(key) => fill(conflict.record, [key])}
        />
      )}
      <SaveSubmitButtons pending={pending} />
    </form>
  );
}
