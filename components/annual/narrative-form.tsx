"use client";

import { useState } from "react";
import { saveNarrativeAction } from "@/lib/annual/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { Narrative, SignOff } from "@/lib/annual/annual-text";
import { taskFieldName } from "@/lib/annual/schemas";
import { useFormAction } from "@/components/ui/use-form-action";

const FIELDS: [keyof Narrative, string][] = [
  ["intro", "一、总体情况"],
  ["problems", "四、存在的问题（概述）"],
  ["nextSteps", "五、下一步工作安排（概述）"],
];

export interface TaskParagraph {
  number: number;
  title: string;
  /** What the report says now: the saved text, or the system's draft. */
  text: string;
  /** The system's draft from the latest accepted reports. */
  draft: string;
  edited: boolean;
}

interface Props {
  year: number;
  version: number;
  narrative: Narrative;
  signOff: SignOff;
  sections: { number: number; title: string; tasks: TaskParagraph[] }[];
}

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五"];
const INPUT = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5 leading-7";

/**
 * The reviewer edits the narrative, section 三 task by task, and the sign-off; every save is a
 * version, an edit based on an old one is refused. Each line typed is a paragraph of the report.
 */
export function NarrativeForm({ year, version, narrative, signOff, sections }: Props) {
  const { state, pending, formProps, messageProps, formRef, markDirty } = useFormAction(saveNarrativeAction);
  const [loadedVersion] = useState(version);
  const [regenerated, setRegenerated] = useState(false);
  const described = (name: string) => ({
    "aria-invalid": state.fieldErrors[name] ? true : undefined,
    "aria-describedby": state.fieldErrors[name] ? `narrative-${name}-error` : undefined,
  });

  function regenerate() {
    const form = formRef.current;
    if (!form) return;
    for (const task of sections.flatMap((section) => section.tasks)) {
      const field = form.elements.namedItem(taskFieldName(task.number));
      if (field instanceof HTMLTextAreaElement) field.value = task.draft;
    }
    markDirty();
    setRegenerated(true);
  }

  const taskErrors = Object.keys(state.fieldErrors).filter((name) => name.startsWith("task_")).length;
  return (
    <form {...formProps} aria-label="编辑报告正文" className="space-y-3" noValidate>
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={loadedVersion} />
      <p className="text-sm text-slate-600">每行为一段，下载的 Word 文件和预览按所填分段。</p>
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
            {...described(name)}
            className={INPUT}
          />
          <FieldError id={`narrative-${name}-error`} errors={state.fieldErrors[name]} />
        </div>
      ))}
      <details open={taskErrors > 0 || undefined} className="rounded border border-slate-200 p-3">
        <summary className="cursor-pointer font-medium">
          三、重点任务推进情况（逐项编辑，共 {sections.flatMap((s) => s.tasks).length} 项）
        </summary>
        <p className="mt-2 text-sm text-slate-600">
          初稿由各单位审核通过的季度进展报告生成。数据更新后可重新生成，重新生成会替换下面各项的文字，保存后生效。
        </p>
        <p className="mt-2 flex flex-wrap items-center gap-3">
          <button type="button" onClick={regenerate} className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50">
            按最新数据重新生成初稿
          </button>
          {regenerated && (
            <span role="status" className="text-sm text-slate-700">
              已按最新数据重新生成，请核对后保存。
            </span>
          )}
        </p>
        {sections.map((section) => (
          <fieldset key={section.number} className="mt-3 space-y-3">
            <legend className="font-medium">
              （{CHINESE_NUMBERS[section.number - 1]}）{section.title}
            </legend>
            {section.tasks.map((task) => {
              const name = taskFieldName(task.number);
              return (
                <div key={task.number}>
                  <label htmlFor={`narrative-${name}`} className="block text-sm font-medium">
                    任务{task.number} {task.title}
                    {task.edited && task.text !== task.draft && (
                      <span className="ml-2 font-normal text-slate-500">（已修改，与最新初稿不同）</span>
                    )}
                  </label>
                  <textarea
                    id={`narrative-${name}`}
                    name={name}
                    rows={3}
                    defaultValue={state.values[name] ?? task.text}
                    {...described(name)}
                    className={INPUT}
                  />
                  <FieldError id={`narrative-${name}-error`} errors={state.fieldErrors[name]} />
                </div>
              );
            })}
          </fieldset>
        ))}
      </details>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="narrative-issuer" className="block font-medium">
            发文机关署名
          </label>
          <input
            id="narrative-issuer"
            name="issuer"
            defaultValue={state.values.issuer ?? signOff.issuer}
            {...described("issuer")}
            className={INPUT}
          />
          <FieldError id="narrative-issuer-error" errors={state.fieldErrors.issuer} />
        </div>
        <div>
          <label htmlFor="narrative-signDate" className="block font-medium">
            成文日期
          </label>
          <input
            id="narrative-signDate"
            name="signDate"
            type="date"
            defaultValue={state.values.signDate ?? signOff.date}
            {...described("signDate")}
            className={INPUT}
          />
          <FieldError id="narrative-signDate-error" errors={state.fieldErrors.signDate} />
        </div>
      </div>
      <FormMessage {...messageProps} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
        {pending ? "保存中…" : "保存正文"}
      </button>
    </form>
  );
}
