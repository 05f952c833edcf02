import Link from "next/link";
import { ContactPreferenceForm } from "@/components/notices/contact-form";
import { requirePermission } from "@/lib/auth/session";
import { getContactPreference } from "@/lib/notices/contact";

export const metadata = { title: "通知设置" };

/** Built-in defaults while the admin set none for the unit (UnitNoticeDefault's column defaults). */
const BUILT_IN = { emailEnabled: true, webhookEnabled: false, quietStart: null, quietEnd: null };

export default async function NoticeSettingsPage() {
  const user = await requirePermission("notice:read");
  const { contact, unitName, unitDefault } = await getContactPreference(user.id);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">通知设置</h1>
      <p className="text-slate-700">
        所有通知都会出现在
        <Link href="/notices" className="text-blue-800 underline">
          收件箱
        </Link>
        中；紧急通知（如报告被退回）还会立即通过下面开启的方式发送。
        {unitName ? `未单独设置的项目按${unitName}的默认设置。` : "未单独设置的项目按系统默认设置。"}
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <ContactPreferenceForm
          contact={{
            email: contact?.email ?? null,
            webhookAddress: contact?.webhookAddress ?? null,
            emailEnabled: contact?.emailEnabled ?? null,
            webhookEnabled: contact?.webhookEnabled ?? null,
            quietStart: contact?.quietStart ?? null,
            quietEnd: contact?.quietEnd ?? null,
            version: contact?.version ?? 0,
          }}
          unitDefaults={unitDefault ?? BUILT_IN}
        />
      </section>
    </div>
  );
}
