import Link from "next/link";
import { UnitDefaultForm } from "@/components/notices/admin-forms";
import { TableHead } from "@/components/ui/table-head";
import { requirePermission } from "@/lib/auth/session";
import { listUnitNoticeDefaults } from "@/lib/notices/contact";

export const metadata = { title: "单位通知默认设置" };

export default async function UnitNoticeDefaultsPage() {
  await requirePermission("settings:manage");
  const units = await listUnitNoticeDefaults();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">单位通知默认设置</h1>
        <Link href="/admin/notices" className="text-sm text-blue-800 underline">
          通知发送记录
        </Link>
      </div>
      <p className="text-slate-700">
        本单位人员未在“通知设置”中自行选择时，按这里的默认方式接收通知；免打扰时段（北京时间）内只发送紧急通知。未设置的单位默认接收邮件、不接收消息推送、不设免打扰。
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">各单位的通知默认设置</caption>
          <TableHead columns={["单位", "默认接收方式与免打扰时段"]} />
          <tbody>
            {units.map((unit) => (
              <tr key={unit.code} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                  {unit.shortName}
                </th>
                <td className="px-3 py-2">
                  <UnitDefaultForm
                    unit={{
                      code: unit.code,
                      shortName: unit.shortName,
                      emailEnabled: unit.noticeDefault?.emailEnabled ?? true,
                      webhookEnabled: unit.noticeDefault?.webhookEnabled ?? false,
                      quietStart: unit.noticeDefault?.quietStart ?? null,
                      quietEnd: unit.noticeDefault?.quietEnd ?? null,
                      version: unit.noticeDefault?.version ?? 0,
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
