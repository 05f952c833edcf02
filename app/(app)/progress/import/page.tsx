import { ImportForm } from "@/components/ui/import-form";
import { IMPORT_MAX_BYTES } from "@/lib/imports/import-workbook";
import { confirmProgressImportAction, previewProgressImportAction } from "@/lib/imports/actions";
import { ExportLink } from "@/components/ui/export-link";
import { requirePermission } from "@/lib/auth/session";
import { getWindowSetting } from "@/lib/admin/settings";
import { addQuarters, chinaToday, formatQuarter, quarterLabel, reportingQuarter } from "@/lib/core/quarters";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata = { title: "Excel 导入" };

export default async function ImportPage() {
  const user = await requirePermission("report:write");
  const collecting = reportingQuarter(chinaToday(), (await getWindowSetting()).windowDays);
  const quarters = [collecting, addQuarters(collecting, -1)];
  return (
    <div className="space-y-4">
      <Breadcrumb href="/my" label="我的待办">
        Excel 导入
      </Breadcrumb>
      <h1 className="text-2xl font-semibold">Excel 批量填报</h1>
      <ol className="list-decimal space-y-1 pl-6">
        <li>下载{user.unitName}的填报模板（已列出本季度应报送的任务和已有草稿）。</li>
        <li>在 Excel 或 WPS 中填写进展状态、完成百分比、工作进展等，不填写的任务留空。</li>
        <li>上传文件：系统逐行检查，全部无误并经您确认后才保存为草稿；已提交或已通过的报告不会被覆盖。</li>
      </ol>
      <p className="flex flex-wrap gap-2">
        {quarters.map((quarter) => (
          <ExportLink
            key={formatQuarter(quarter)}
            href={`/api/exports/progress-template.xlsx?quarter=${formatQuarter(quarter)}`}
            label={`下载${quarterLabel(quarter)}模板`}
          />
        ))}
      </p>
      <ImportForm
        previewAction={previewProgressImportAction}
        confirmAction={confirmProgressImportAction}
        maxBytes={IMPORT_MAX_BYTES}
        labels={{ create: "新建草稿", update: "更新草稿", skip: "不导入" }}
      />
    </div>
  );
}
