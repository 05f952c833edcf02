import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { formatChinaTime } from "@/lib/core/dates";
import { getCurrentScheme, listSchemeVersions } from "@/lib/results-assessment/assessments";
import { ITEM_HEADERS, itemRow, schemeRulesText, schemeTitle } from "@/lib/results-assessment/assessment-text";
import { defaultScheme } from "@/lib/results-assessment/scheme";
import { AssessmentPathSchema } from "@/lib/results-assessment/schemas";
import { TableHead } from "@/components/ui/table-head";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DoneNotice } from "@/components/ui/done-notice";
import { SchemeForm } from "@/components/results-assessment/scheme-form";
import { AdoptDefaultForm } from "@/components/results-assessment/adopt-default-form";

export const metadata = { title: "成效考核方案" };

/** The year's scheme: 省生态环境厅 defines it (or takes the default) and changes it in versions; leaders read it. */
export default async function SchemePage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const user = await requirePermission("assessment:read");
  const parsed = AssessmentPathSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const year = parsed.data.year;
  const [scheme, versions] = await Promise.all([getCurrentScheme(year), listSchemeVersions(year)]);
  const editor = can(user.role, "assessment:score");
  const { saved } = await searchParams;
  if (!scheme && !editor) notFound();
  const initial = scheme ?? { ...defaultScheme(year), items: defaultScheme(year).items };
  return (
    <article className="space-y-5">
      <Breadcrumb href={scheme ? `/assessment/${year}` : "/assessment"} label={scheme ? `${year}年度成效考核` : "成效考核"}>
        考核方案
      </Breadcrumb>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{year}年度成效考核方案</h1>
        <p className="text-slate-700">
          {scheme ? schemeTitle(scheme) : "尚未制定。可采用按《美丽中国建设成效考核办法》设置的默认方案，或在下方修改后保存。"}
          {scheme?.lockedAt && `（已于 ${formatChinaTime(new Date(scheme.lockedAt))} 启动评分并锁定，修改将形成新版本）`}
        </p>
        {scheme && <p className="text-sm text-slate-600">{schemeRulesText(scheme)}</p>}
      </header>
      <DoneNotice>{saved && scheme && `已保存${year}年度考核方案（第 ${scheme.version} 版）。`}</DoneNotice>
      {scheme && (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="py-2 text-left font-semibold">考核项目</caption>
            <TableHead columns={ITEM_HEADERS} dense />
            <tbody>
              {scheme.items.map((item) => (
                <tr key={item.code} className="border-b border-slate-200">
                  {itemRow(item).map((text, index) => (
                    <td key={index} className="px-2 py-1">
                      {text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editor && (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{scheme ? "修改方案" : "制定方案"}</h2>
          {!scheme && <AdoptDefaultForm year={year} basedOn={0} />}
          <SchemeForm
            key={scheme?.version ?? 0}
            year={year}
            basedOn={scheme?.version ?? 0}
            locked={Boolean(scheme?.lockedAt)}
            initial={{
              name: initial.name,
              bonusCap: initial.bonusCap,
              deductionCap: initial.deductionCap,
              items: initial.items,
              grades: initial.grades,
            }}
          />
        </section>
      )}
      {versions.length > 0 && (
        <section className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="py-2 text-left font-semibold">版本记录</caption>
            <TableHead columns={["版本", "方案名称", "保存人", "保存时间", "状态"]} dense />
            <tbody>
              {versions.map((version) => (
                <tr key={version.version} className="border-b border-slate-200">
                  <td className="px-2 py-1">第 {version.version} 版</td>
                  <td className="px-2 py-1">{version.name}</td>
                  <td className="px-2 py-1">{version.createdBy}</td>
                  <td className="px-2 py-1">{formatChinaTime(version.createdAt)}</td>
                  <td className="px-2 py-1">{version.lockedAt ? "已锁定" : "草稿"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </article>
  );
}
