"use client";

import { useState } from "react";
import { saveSchemeAction } from "@/lib/results-assessment/actions";
import { AUTO_METRICS, AUTO_METRIC_DEFINITIONS } from "@/lib/results-assessment/auto-items";
import { ITEM_KIND_LABELS } from "@/lib/results-assessment/scheme";
import type { SchemeItemView } from "@/lib/results-assessment/results-view";
import type { GradeThreshold } from "@/lib/results-assessment/grading";
import { FormMessage, FieldError } from "@/components/ui/field-error";
import { FormField, invalidProps } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";

export interface SchemeFormValues {
  name: string;
  bonusCap: number;
  deductionCap: number;
  items: Omit<SchemeItemView, "id">[];
  grades: GradeThreshold[];
}

const KINDS = ["AUTO", "MANUAL", "BONUS", "DEDUCTION"] as const;
const cell = "rounded border border-slate-300 px-2 py-1";

/**
 * The year's 成效考核 scheme: items (base items worth 100 together, bonus and deduction items),
 * caps and grade thresholds. Rows can be added and removed; the server checks the whole scheme and
 * names each wrong cell. Once scoring has started, a change needs a reason and becomes a new version.
 */
export function SchemeForm({
  year,
  basedOn,
  locked,
  initial,
}: {
  year: number;
  basedOn: number;
  locked: boolean;
  initial: SchemeFormValues;
}) {
  const { state, pending, formProps, messageProps } = useFormAction(saveSchemeAction);
  const [items, setItems] = useState(() => initial.items.map((item, index) => ({ key: index, item })));
  const [grades, setGrades] = useState(() => initial.grades.map((grade, index) => ({ key: index, grade })));
  const [nextKey, setNextKey] = useState(1000);
  const value = (name: string, fallback: string | number) => state.values[name] ?? String(fallback);
  const addItem = () => {
    setItems([...items, { key: nextKey, item: { code: "", name: "", kind: "MANUAL", points: 0, metric: null, description: "" } }]);
    setNextKey(nextKey + 1);
  };
  const addGrade = () => {
    setGrades([...grades, { key: nextKey, grade: { grade: "", min: 0 } }]);
    setNextKey(nextKey + 1);
  };
  const base = items.filter(({ item }) => item.kind === "AUTO" || item.kind === "MANUAL");
  return (
    <form {...formProps} aria-label="考核方案" className="space-y-4 rounded border border-slate-200 bg-white p-4">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="basedOn" value={basedOn} />
      <div className="grid gap-3 md:grid-cols-3">
        <FormField id="scheme-name" label="方案名称" state={state} name="name">
          <input
            id="scheme-name"
            name="name"
            defaultValue={value("name", initial.name)}
            className={`mt-1 w-full ${cell}`}
            {...invalidProps(state, "name", "scheme-name")}
          />
        </FormField>
        <FormField id="scheme-bonus-cap" label="加分上限（分）" state={state} name="bonusCap">
          <input
            id="scheme-bonus-cap"
            name="bonusCap"
            inputMode="decimal"
            defaultValue={value("bonusCap", initial.bonusCap)}
            className={`mt-1 w-24 ${cell}`}
            {...invalidProps(state, "bonusCap", "scheme-bonus-cap")}
          />
        </FormField>
        <FormField id="scheme-deduction-cap" label="扣分上限（分）" state={state} name="deductionCap">
          <input
            id="scheme-deduction-cap"
            name="deductionCap"
            inputMode="decimal"
            defaultValue={value("deductionCap", initial.deductionCap)}
            className={`mt-1 w-24 ${cell}`}
            {...invalidProps(state, "deductionCap", "scheme-deduction-cap")}
          />
        </FormField>
      </div>
      <fieldset className="space-y-2">
        <legend className="font-semibold">考核项目（基本项目 {base.length} 项，分值合计须为 100 分）</legend>
        <FieldError id="scheme-items-error" errors={state.fieldErrors.items} />
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th className="px-1 py-1">代码</th>
                <th className="px-1 py-1">项目</th>
                <th className="px-1 py-1">计分方式</th>
                <th className="px-1 py-1">分值</th>
                <th className="px-1 py-1">自动计算公式</th>
                <th className="px-1 py-1">评分说明</th>
                <th className="px-1 py-1">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ key, item }, index) => {
                const field = (name: string) => `i.${index}.${name}`;
                const id = (name: string) => `scheme-item-${key}-${name}`;
                const errors = ["code", "name", "kind", "points", "metric", "description"].flatMap(
                  (name) => state.fieldErrors[field(name)] ?? [],
                );
                const label = item.name || `第 ${index + 1} 项`;
                return (
                  <tr key={key} className="border-b border-slate-200 align-top">
                    <td className="px-1 py-1">
                      <input
                        id={id("code")}
                        name={field("code")}
                        aria-label={`${label}代码`}
                        defaultValue={value(field("code"), item.code)}
                        className={`w-36 ${cell}`}
                        {...invalidProps(state, field("code"), id("code"))}
                      />
                    </td>
                    <td className="px-1 py-1">
                      <input
                        id={id("name")}
                        name={field("name")}
                        aria-label={`第 ${index + 1} 项名称`}
                        defaultValue={value(field("name"), item.name)}
                        className={`w-40 ${cell}`}
                        {...invalidProps(state, field("name"), id("name"))}
                      />
                    </td>
                    <td className="px-1 py-1">
                      <select
                        id={id("kind")}
                        name={field("kind")}
                        aria-label={`${label}计分方式`}
                        defaultValue={value(field("kind"), item.kind)}
                        className={cell}
                      >
                        {KINDS.map((kind) => (
                          <option key={kind} value={kind}>
                            {ITEM_KIND_LABELS[kind]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="px-1 py-1">
                      <input
                        id={id("points")}
                        name={field("points")}
                        aria-label={`${label}分值`}
                        inputMode="decimal"
                        defaultValue={value(field("points"), item.points)}
                        className={`w-20 ${cell}`}
                        {...invalidProps(state, field("points"), id("points"))}
                      />
                    </td>
                    <td className="px-1 py-1">
                      <select
                        id={id("metric")}
                        name={field("metric")}
                        aria-label={`${label}自动计算公式`}
                        defaultValue={value(field("metric"), item.metric ?? "")}
                        className={cell}
                        {...invalidProps(state, field("metric"), id("metric"))}
                      >
                        <option value="">（不自动计算）</option>
                        {AUTO_METRICS.map((metric) => (
                          <option key={metric} value={metric}>
                            {AUTO_METRIC_DEFINITIONS[metric].label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="px-1 py-1">
                      <textarea
                        id={id("description")}
                        name={field("description")}
                        aria-label={`${label}评分说明`}
                        rows={2}
                        defaultValue={value(field("description"), item.description)}
                        className={`w-64 ${cell}`}
                      />
                      {errors.length > 0 && (
                        <p id={`${id("code")}-error`} className="text-sm text-red-700">
                          {errors.join("；")}
                        </p>
                      )}
                    </td>
                    <td className="px-1 py-1">
                      <button
                        type="button"
                        onClick={() => setItems(items.filter((row) => row.key !== key))}
                        className="text-red-800 underline"
                        aria-label={`删除${label}`}
                      >
                        删除
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="button" onClick={addItem} className="rounded border border-slate-400 px-3 py-1 text-sm">
          添加考核项目
        </button>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-semibold">考核等次（分数线从高到低，最后一档为 0）</legend>
        <FieldError id="scheme-grades-error" errors={state.fieldErrors.grades} />
        {grades.map(({ key, grade }, index) => (
          <div key={key} className="flex flex-wrap items-center gap-2">
            <input
              name={`g.${index}.grade`}
              aria-label={`第 ${index + 1} 档等次名称`}
              defaultValue={value(`g.${index}.grade`, grade.grade)}
              className={`w-24 ${cell}`}
            />
            <span>不低于</span>
            <input
              name={`g.${index}.min`}
              aria-label={`第 ${index + 1} 档分数线`}
              inputMode="decimal"
              defaultValue={value(`g.${index}.min`, grade.min)}
              className={`w-20 ${cell}`}
            />
            <span>分</span>
            <button
              type="button"
              onClick={() => setGrades(grades.filter((row) => row.key !== key))}
              className="text-sm text-red-800 underline"
            >
              删除此档
            </button>
            <FieldError
              id={`scheme-grade-${key}-error`}
              errors={[...(state.fieldErrors[`g.${index}.grade`] ?? []), ...(state.fieldErrors[`g.${index}.min`] ?? [])]}
            />
          </div>
        ))}
        <button type="button" onClick={addGrade} className="rounded border border-slate-400 px-3 py-1 text-sm">
          添加等次
        </button>
      </fieldset>
      {locked && (
        <FormField
          id="scheme-reason"
          label="修改原因（评分已开始，修改将形成新版本，各单位已填的分数按项目代码保留）"
          state={state}
          name="reason"
        >
          <textarea
            id="scheme-reason"
            name="reason"
            rows={2}
            defaultValue={value("reason", "")}
            className={`mt-1 w-full ${cell}`}
            {...invalidProps(state, "reason", "scheme-reason")}
          />
        </FormField>
      )}
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
        保存方案
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
