import { ImportForm } from "@/components/ui/import-form";
import { IMPORT_MAX_BYTES } from "@/lib/imports/import-workbook";
import { confirmMeasuresImportAction, previewMeasuresImportAction } from "@/lib/measures/actions";
import { ExportLink } from "@/components/ui/export-link";
import { requirePermission } from "@/lib/auth/session";
import { chinaToday } from "@/lib/core/quarters";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata = { title: "举措清单 Excel 导入" };

export default async function MeasuresImportPage() {
  const user = await requirePermission("report:write");
  const year = Number(chinaToday().slice(0, 4));
  return (
    <div className="space-y-4">
      <Breadcrumb href="/measures" label="年度举措">
        Excel 导入
      </Breadcrumb>
      <h1 className="text-2xl font-semibold">举措清单 Excel 导入</h1>
      <ol className="list-decimal space-y-1 pl-6">
        <li>下载{user.unitName}的举措清单模板（已列出本单位承担的任务和可修改的已有举措）。</li>
        <li>每行填写一个节点；同一举措的节点填写相同的举措序号。</li>
        <li>上传文件：系统逐格检查，全部无误并经您确认后才保存为草稿；已提交或已通过的清单不会被覆盖。</li>
      </ol>
      <p className="flex flex-wrap gap-2">
        {[year, year + 1].map((option) => (
          <ExportLink key={option} href={`/api/exports/measures-template.xlsx?year=${option}`} label={`下载${option}年模板`} />
        ))}
      </p>
      <ImportForm
        previewAction={previewMeasuresImportAction}
        confirmAction={confirmMeasuresImportAction}
        maxBytes={IMPORT_MAX_BYTES}
        labels={{ create: "新建草稿", update: "更新草稿", skip: "不导入" }}
      />
    </div>
  );
}
