"use client";

import { saveScoresAction, saveSelfAssessmentAction } from "@/lib/results-assessment/actions";
import { ITEM_KIND_LABELS } from "@/lib/results-assessment/scheme";
import type { ItemScoreView, SchemeItemView } from "@/lib/results-assessment/results-view";
import { EVIDENCE_MAX_BYTES } from "@/lib/evidence/limits";
import { FormMessage, FieldError } from "@/components/ui/field-error";
import { invalidProps } from "@/components/ui/form-field";
import { IntentButtons } from "@/components/ui/intent-buttons";
import { useFormAction } from "@/components/ui/use-form-action";

export interface SheetRow {
  item: SchemeItemView;
  score: ItemScoreView;
}

const cell = "rounded border border-slate-300 px-2 py-1";
const points = (value: number | null) => (value === null ? "—" : String(value));

/**
 * One unit's score sheet. In "self" mode the unit's staff give each item a score and a short
 * justification (automatic items come pre-filled with the formula's score), optionally a document;
 * in "score" mode 省生态环境厅 scores beside the self-scores, giving a reason where it departs; in
 * "read" mode (leaders, a submitted or confirmed sheet) nothing is editable.
 */
export function AssessmentSheetForm({
  mode,
  year,
  unit,
  version,
  rows,
  evidenceBase,
}: {
  mode: "self" | "score" | "read";
  year: number;
  unit: string;
  version: number;
  rows: SheetRow[];
  /** Where the sheet's documents download from: `${evidenceBase}/${item code}`. */
  evidenceBase: string;
}) {
  const self = mode === "self";
  const maxFileBytes = Object.fromEntries(rows.map(({ item }) => [`selfEvidence.${item.code}`, EVIDENCE_MAX_BYTES]));
  const scoring = mode === "score";
  const { state, pending, formProps, messageProps } = useFormAction(self ? saveSelfAssessmentAction : saveScoresAction, { maxFileBytes });
  const value = (name: string, fallback: number | string | null) => state.values[name] ?? (fallback === null ? "" : String(fallback));
  return (
    <form
      {...formProps}
      aria-label={self ? "单位自评" : scoring ? "省生态环境厅评分" : "考核评分表"}
      className="space-y-3"
      encType="multipart/form-data"
    >
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="unit" value={unit} />
      <input type="hidden" name="version" value={version} />
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="px-2 py-1">考核项目</th>
              <th className="px-2 py-1">分值</th>
              <th className="px-2 py-1">系统计算</th>
              <th className="px-2 py-1">自评得分与说明</th>
              <th className="px-2 py-1">评分与理由</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ item, score }) => {
              const selfName = `self.${item.code}`;
              const selfReasonName = `selfReason.${item.code}`;
              const scoreName = `score.${item.code}`;
              const reasonName = `reason.${item.code}`;
              const id = (name: string) => `sheet-${name.replace(".", "-")}`;
              const auto = item.kind === "AUTO";
              return (
                <tr key={item.code} className="border-b border-slate-200 align-top">
                  <th scope="row" className="px-2 py-2 text-left font-normal">
                    <span className="font-medium">{item.name}</span>
                    <span className="ml-1 text-xs text-slate-600">（{ITEM_KIND_LABELS[item.kind]}）</span>
                    {item.description && <p className="mt-1 max-w-xs text-xs text-slate-600">{item.description}</p>}
                  </th>
                  <td className="px-2 py-2">{item.points}</td>
                  <td className="px-2 py-2">{score.computedText ?? "—"}</td>
                  <td className="space-y-1 px-2 py-2">
                    {self ? (
                      <>
                        <label className="block">
                          <span className="sr-only">{item.name}自评得分</span>
                          <input
                            id={id(selfName)}
                            name={selfName}
                            inputMode="decimal"
                            aria-label={`${item.name}自评得分`}
                            defaultValue={value(selfName, score.self)}
                            className={`w-20 ${cell}`}
                            {...invalidProps(state, selfName, id(selfName))}
                          />
                        </label>
                        <FieldError id={`${id(selfName)}-error`} errors={state.fieldErrors[selfName]} />
                        <textarea
                          id={id(selfReasonName)}
                          name={selfReasonName}
                          rows={2}
                          aria-label={`${item.name}自评说明`}
                          placeholder={auto ? "与系统计算一致可不填" : "简要说明依据"}
                          defaultValue={value(selfReasonName, score.selfReason)}
                          className={`w-64 ${cell}`}
                          {...invalidProps(state, selfReasonName, id(selfReasonName))}
                        />
                        <FieldError id={`${id(selfReasonName)}-error`} errors={state.fieldErrors[selfReasonName]} />
                        <label className="block text-xs text-slate-700">
                          佐证材料（可选，PDF、Word、Excel 或数据截表）
                          <input
                            id={id(`selfEvidence.${item.code}`)}
                            name={`selfEvidence.${item.code}`}
                            type="file"
                            accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
                            className="block text-xs"
                            {...invalidProps(state, `selfEvidence.${item.code}`, id(`selfEvidence.${item.code}`))}
                          />
                        </label>
                        <FieldError
                          id={`${id(`selfEvidence.${item.code}`)}-error`}
                          errors={state.fieldErrors[`selfEvidence.${item.code}`]}
                        />
                      </>
                    ) : (
                      <>
                        <p>{points(score.self)} 分</p>
                        {score.selfReason && <p className="max-w-xs text-xs text-slate-700">{score.selfReason}</p>}
                      </>
                    )}
                    {score.selfEvidenceName && (
                      <a href={`${evidenceBase}/${item.code}`} className="block text-xs text-blue-800 underline">
                        已上传：{score.selfEvidenceName}
                      </a>
                    )}
                  </td>
                  <td className="space-y-1 px-2 py-2">
                    {scoring && !auto ? (
                      <>
                        <input
                          id={id(scoreName)}
                          name={scoreName}
                          inputMode="decimal"
                          aria-label={`${item.name}评分`}
                          defaultValue={value(scoreName, score.score)}
                          className={`w-20 ${cell}`}
                          {...invalidProps(state, scoreName, id(scoreName))}
                        />
                        <FieldError id={`${id(scoreName)}-error`} errors={state.fieldErrors[scoreName]} />
                        <textarea
                          id={id(reasonName)}
                          name={reasonName}
                          rows={2}
                          aria-label={`${item.name}评分理由`}
                          placeholder="与自评不同时须说明理由"
                          defaultValue={value(reasonName, score.reason)}
                          className={`w-64 ${cell}`}
                          {...invalidProps(state, reasonName, id(reasonName))}
                        />
                        <FieldError id={`${id(reasonName)}-error`} errors={state.fieldErrors[reasonName]} />
                      </>
                    ) : (
                      <>
                        <p>{auto ? `${points(score.score)} 分（按公式）` : `${points(score.score)} 分`}</p>
                        {score.reason && <p className="max-w-xs text-xs text-slate-700">{score.reason}</p>}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {mode !== "read" && (
        <IntentButtons
          name="intent"
          pending={pending}
          buttons={
            self
              ? [
                  { value: "save", label: "保存自评草稿", tone: "outline" },
                  { value: "submit", label: "提交自评", tone: "primary" },
                ]
              : [
                  { value: "save", label: "保存评分", tone: "outline" },
                  { value: "confirm", label: "确认考核结果", tone: "primary" },
                ]
          }
        />
      )}
      <FormMessage {...messageProps} />
    </form>
  );
}
