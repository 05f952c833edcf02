"use client";

import type { FormState } from "@/lib/core/form-state";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ImportPreview } from "@/lib/imports/progress-import";
import { TableHead } from "@/components/ui/table-head";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

interface Props {
  previewAction: Action;
  confirmAction: Action;
  /** What each kind of row will become. */
  labels: { create: string; update: string; skip: string };
  /** The largest file the server takes; a larger one is refused before it is sent. */
  maxBytes: number;
}

/** Upload → preview with every row's errors → confirm; nothing is written before the confirmation. */
export function ImportForm({ previewAction, confirmAction, labels, maxBytes }: Props) {
  // Nothing typed here but the file choice: leaving the page needs no question.
  const upload = useFormAction(previewAction, { maxFileBytes: { file: maxBytes }, guardUnsaved: false });
  const confirm = useFormAction(confirmAction, { guardUnsaved: false });
  const preview = upload.state;
  const confirmed = confirm.state;
  const checking = upload.pending;
  const saving = confirm.pending;
  const data = preview.data as ImportPreview | undefined;
  return (
    <div className="space-y-4">
      <form {...upload.formProps} aria-label="上传 Excel" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <label htmlFor="import-file" className="block font-medium">
          上传填好的模板（.xlsx，不超过 {Math.round(maxBytes / 1024 / 1024)} MB）
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".xlsx"
          aria-invalid={preview.fieldErrors.file ? true : undefined}
          aria-describedby={preview.fieldErrors.file ? "import-file-error" : undefined}
        />
        <FieldError id="import-file-error" errors={preview.fieldErrors.file} />
        <button type="submit" disabled={checking} className="block rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
          {checking ? "检查中…" : "上传并检查"}
        </button>
      </form>
      <FormMessage {...upload.messageProps} />
      {data && data.rows.length > 0 && (
        <table className="w-full bg-white text-sm">
          <caption className="text-left font-medium">检查结果（共 {data.rows.length} 行）</caption>
          <TableHead columns={["行号", "任务", "处理", "问题"]} />
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.row} className={`border-t border-slate-200 align-top ${row.errors.length ? "bg-red-50" : ""}`}>
                <td className="px-3 py-2 tabular-nums">第 {row.row} 行</td>
                <td className="px-3 py-2">{row.taskNumber === null ? row.title : `${row.taskNumber}. ${row.title}`}</td>
                <td className="px-3 py-2">{row.errors.length ? "有错误" : labels[row.action]}</td>
                <td className="px-3 py-2">
                  {row.errors.length === 0 ? (
                    "—"
                  ) : (
                    <ul>
                      {row.errors.map((error) => (
                        <li key={`${error.column}-${error.message}`} className="text-red-800">
                          【{error.column}】{error.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.batchId && !confirmed.ok && (
        <form {...confirm.formProps} aria-label="确认导入">
          <input type="hidden" name="batchId" value={data.batchId} />
          <button type="submit" disabled={saving} className="rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60">
            {saving ? "导入中…" : "确认导入"}
          </button>
        </form>
      )}
      <FormMessage {...confirm.messageProps} />
    </div>
  );
}
