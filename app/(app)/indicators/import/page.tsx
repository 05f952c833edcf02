import { ImportForm } from "@/components/ui/import-form";
import { IMPORT_MAX_BYTES } from "@/lib/imports/import-workbook";
import { ExportLink } from "@/components/ui/export-link";
import { confirmObservationImportAction, previewObservationImportAction } from "@/lib/imports/actions";
import { requirePermission } from "@/lib/auth/session";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata = { title: "指标数值导入" };

export default async function ObservationImportPage() {
  const user = await requirePermission("report:write");
  return (
    <div className="space-y-4">
      <Breadcrumb href="/indicators" label="目标指标">
        指标数值导入
      </Breadcrumb>
      <h1 className="text-2xl font-semibold">指标数值 Excel 导入</h1>
      <p>{user.unitName}负责的指标：下载模板，每行填写一个数值（地区、期间、数值、来源），上传后逐行检查，确认后提交省生态环境厅审核。</p>
      <ExportLink href="/api/exports/observation-template.xlsx" label="下载指标数值模板" />
      <ImportForm
        previewAction={previewObservationImportAction}
        confirmAction={confirmObservationImportAction}
        maxBytes={IMPORT_MAX_BYTES}
        labels={{ create: "提交审核", update: "提交审核", skip: "不导入" }}
      />
    </div>
  );
}
