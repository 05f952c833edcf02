"use client";

import { removeEvidenceAction, uploadEvidenceAction } from "@/lib/evidence/actions";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_MB } from "@/lib/evidence/limits";
import { FieldError, FormMessage, InlineFailure } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

export interface EvidenceItem {
  id: number;
  fileName: string;
  size: number;
  mediaType: string;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function RemoveButton({ file }: { file: EvidenceItem }) {
  const { pending, formProps, messageProps } = useFormAction(removeEvidenceAction, { guardUnsaved: false });
  return (
    <form {...formProps} className="inline">
      <input type="hidden" name="fileId" value={file.id} />
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 text-sm text-red-800 hover:underline sm:min-h-0"
        aria-label={`删除 ${file.fileName}`}
      >
        删除
      </button>
      <InlineFailure {...messageProps} />
    </form>
  );
}

/** 佐证材料: download links for readers; upload and removal while the report is editable. */
export function EvidencePanel({ reportId, files, editable }: { reportId: number; files: EvidenceItem[]; editable: boolean }) {
  const { state, pending, formProps, messageProps } = useFormAction(uploadEvidenceAction, {
    maxFileBytes: { file: EVIDENCE_MAX_BYTES },
    resetOnSuccess: true,
  });
  return (
    <section aria-labelledby="evidence-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="evidence-heading" className="text-lg font-semibold">
        佐证材料
      </h2>
      {files.length === 0 ? (
        <p className="mt-2 text-slate-600">尚未上传佐证材料。</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {files.map((file) => (
            <li key={file.id} className="flex flex-wrap items-center gap-x-3">
              <a href={`/api/evidence/${file.id}`} className="text-blue-800 wrap-anywhere hover:underline">
                {file.fileName}
              </a>
              <span className="text-sm text-slate-600">{sizeText(file.size)}</span>
              {editable && <RemoveButton file={file} />}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form {...formProps} className="no-print mt-4 space-y-2" aria-label="上传佐证材料">
          <input type="hidden" name="reportId" value={reportId} />
          <label htmlFor="evidence-file" className="block text-sm font-medium">
            上传文件（PDF、JPG/PNG、Word .docx、Excel .xlsx，单个不超过 {EVIDENCE_MAX_MB} MB）
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id="evidence-file"
              name="file"
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
              className="min-h-11 max-w-full sm:min-h-0"
              aria-invalid={state.fieldErrors.file ? true : undefined}
              aria-describedby={state.fieldErrors.file ? "evidence-file-error" : undefined}
            />
            <button
              type="submit"
              disabled={pending}
              className="min-h-11 rounded border border-brand-700 px-3 py-1.5 text-brand-700 disabled:opacity-60 sm:min-h-0"
            >
              {pending ? "上传中…" : "上传"}
            </button>
          </div>
          <FieldError id="evidence-file-error" errors={state.fieldErrors.file} />
          <FormMessage {...messageProps} />
        </form>
      )}
    </section>
  );
}
