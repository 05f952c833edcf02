"use client";

import { useRef } from "react";
import { saveUnitReportAction } from "@/lib/unit-reports/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_MB } from "@/lib/evidence/limits";
import { UNIT_REPORT_SECTIONS, type UnitReportSectionKey, type UnitReportSections } from "@/lib/unit-reports/unit-report-text";

interface Props {
  year: number;
  version: number;
  sections: UnitReportSections;
  drafts: UnitReportSections;
  signatory: string;
  signedOn: string;
  sealedFileName: string | null;
  sealedFileHref: string | null;
}

const field = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5";

/**
 * The unit's annual report: each section pre-filled (the saved text, else the system's draft) with
 * a way back to the draft, 署名 and 成文日期, and the optional sealed PDF. Nothing typed is lost on
 * a refused or failed request: the form is never reset (useFormAction).
 */
export function UnitReportForm({ year, version, sections, drafts, signatory, signedOn, sealedFileName, sealedFileHref }: Props) {
  const { state, pending, formProps, messageProps, markDirty } = useFormAction(saveUnitReportAction, {
    maxFileBytes: { sealedFile: EVIDENCE_MAX_BYTES },
  });
  const areas = useRef<Partial<Record<UnitReportSectionKey, HTMLTextAreaElement | null>>>({});
  const errorsOf = (name: string) => state.fieldErrors[name];
  const invalid = (name: string, id: string) =>
    errorsOf(name) ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};

  return (
    <form {...formProps} aria-label="年度工作情况报告" className="space-y-5" encType="multipart/form-data">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={version} />
      {UNIT_REPORT_SECTIONS.map(({ key, title }) => {
        const id = `section-${key}`;
        return (
          <div key={key} className="space-y-1">
            <div className="flex items-baseline justify-between gap-3">
              <label htmlFor={id} className="font-medium">
                {title}
              </label>
              <button
                type="button"
                className="text-sm text-blue-800 hover:underline"
                aria-label={`${title.slice(2)}：恢复为系统生成内容`}
                onClick={() => {
                  const area = areas.current[key];
                  if (area) {
                    area.value = drafts[key];
                    markDirty();
                  }
                }}
              >
                恢复为系统生成内容
              </button>
            </div>
            <textarea
              id={id}
              name={key}
              rows={8}
              defaultValue={sections[key]}
              ref={(element) => {
                areas.current[key] = element;
              }}
              className={`${field} leading-7`}
              {...invalid(key, id)}
            />
            <FieldError id={`${id}-error`} errors={errorsOf(key)} />
          </div>
        );
      })}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="signatory" className="block text-sm font-medium">
            署名（发文机关）
          </label>
          <input id="signatory" name="signatory" defaultValue={signatory} className={field} {...invalid("signatory", "signatory")} />
          <FieldError id="signatory-error" errors={errorsOf("signatory")} />
        </div>
        <div>
          <label htmlFor="signedOn" className="block text-sm font-medium">
            成文日期
          </label>
          <input id="signedOn" name="signedOn" type="date" defaultValue={signedOn} className={field} {...invalid("signedOn", "signedOn")} />
          <FieldError id="signedOn-error" errors={errorsOf("signedOn")} />
        </div>
      </div>
      <div>
        <label htmlFor="sealedFile" className="block text-sm font-medium">
          盖章扫描件（可选，PDF，不超过 {EVIDENCE_MAX_MB} MB{sealedFileName ? "；重新选择即替换" : ""}）
        </label>
        {sealedFileName && sealedFileHref && (
          <p className="text-sm">
            已上传：
            <a href={sealedFileHref} className="text-blue-800 hover:underline">
              {sealedFileName}
            </a>
          </p>
        )}
        <input
          id="sealedFile"
          name="sealedFile"
          type="file"
          accept="application/pdf,.pdf"
          className="mt-1 block"
          {...invalid("sealedFile", "sealedFile")}
        />
        <FieldError id="sealedFile-error" errors={errorsOf("sealedFile")} />
      </div>
      <FormMessage {...messageProps} />
      <div className="flex gap-3">
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={pending}
          className="rounded border border-brand-700 px-4 py-2 text-brand-800 disabled:opacity-60"
        >
          保存草稿
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
