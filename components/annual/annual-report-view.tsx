import type { AnnualReportData } from "@/lib/annual/annual-report";
import { TableHead } from "@/components/ui/table-head";
import { paragraphs, signOffIndents, unitReportsAnnex } from "@/lib/annual/annual-text";

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五"];

/** A typed text as its paragraphs, one per line, as in the Word file. */
function Paragraphs({ text, className }: { text: string; className: string }) {
  return paragraphs(text).map((line, index) => (
    <p key={index} className={className}>
      {line}
    </p>
  ));
}

/** 发文机关署名 and 成文日期, right-aligned with the Word file's indents (GB/T 9704 7.3.5.2). */
function SignOff({ issuer, dateText }: { issuer: string; dateText: string }) {
  const indents = signOffIndents(issuer, dateText);
  return (
    <div className="pt-8 text-right leading-8" aria-label="署名和成文日期">
      <p style={{ paddingRight: `${indents.issuer}em` }}>{issuer}</p>
      <p style={{ paddingRight: `${indents.date}em` }}>{dateText}</p>
    </div>
  );
}

/** The annual report as a page: the same content as the Word file, laid out to print cleanly. */
export function AnnualReportView({ report }: { report: AnnualReportData }) {
  const p = "indent-8 leading-8";
  return (
    <article className="annual-report mx-auto max-w-[170mm] space-y-3 bg-white p-8 font-serif text-[16px]" aria-label="年度报告预览">
      <h2 className="py-4 text-center text-2xl font-bold">美丽江西建设{report.year}年度工作情况报告</h2>
      <p className="leading-8">省委、省政府：</p>
      <p className={p}>
        根据《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号）要求，现将{report.year}
        年度美丽江西建设重点任务推进情况报告如下（数据截至{report.asOf}，仅计审核通过的报告和数值）。
      </p>
      <h3 className="indent-8 font-bold">一、总体情况</h3>
      <Paragraphs text={report.narrative.intro} className={p} />
      <p className={p}>各设区市重点任务推进情况如下表（按所承担任务的平均完成进度排列，未报送或未通过审核的任务按0计，进度相同的并列）。</p>
      <table
        aria-label="各设区市推进情况"
        className="w-full border-collapse text-sm [&_td]:border [&_td]:border-black [&_td]:px-1 [&_th]:border [&_th]:border-black"
      >
        <TableHead columns={["排名", "设区市", "承担任务（项）", "报送并通过审核（项）", "平均完成进度"]} dense />
        <tbody>
          {report.cities.map((city) => (
            <tr key={city.unit}>
              <td>{city.rank}</td>
              <td>{city.unit}</td>
              <td>{city.assigned}</td>
              <td>
                {city.reported}（{city.reportedShare}）
              </td>
              <td>{city.averagePercent}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="indent-8 font-bold">二、主要目标指标进展</h3>
      <table className="w-full border-collapse text-sm [&_td]:border [&_td]:border-black [&_td]:px-1 [&_th]:border [&_th]:border-black">
        <TableHead columns={["指标", "单位", "最新值", "目标", "判断"]} dense />
        <tbody>
          {report.indicators.map((indicator) => (
            <tr key={indicator.code}>
              <td>
                {indicator.name}
                {indicator.demo && "（示例数据）"}
              </td>
              <td>{indicator.unit}</td>
              <td>{indicator.latest}</td>
              <td>{indicator.targets}</td>
              <td>{indicator.verdictLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="indent-8 font-bold">三、重点任务推进情况</h3>
      {report.sections.map((section) => (
        <section key={section.number} aria-label={section.title}>
          <h4 className="indent-8">
            （{CHINESE_NUMBERS[section.number - 1]}）{section.title}
          </h4>
          {section.tasks.map((task, index) => (
            <div key={task.number}>
              <p className="indent-8 font-semibold leading-8">
                {index + 1}. {task.title}（任务{task.number}，{task.statusLabel}）
              </p>
              <Paragraphs text={task.text} className={p} />
            </div>
          ))}
        </section>
      ))}
      <h3 className="indent-8 font-bold">四、存在的问题</h3>
      <Paragraphs text={report.narrative.problems} className={p} />
      {report.sections.flatMap((section) =>
        section.problems.map((item) => (
          <p key={`${section.number}-${item.text}`} className={p}>
            {item.text}（{item.unit}）
          </p>
        )),
      )}
      <h3 className="indent-8 font-bold">五、下一步工作安排</h3>
      <Paragraphs text={report.narrative.nextSteps} className={p} />
      {report.sections.flatMap((section) =>
        section.nextSteps.map((item) => (
          <p key={`${section.number}-${item.text}`} className={p}>
            {item.text}（{item.unit}）
          </p>
        )),
      )}
      <p className={`${p} pt-4`}>附件：1. 未按时报送季度进展报告的单位</p>
      <p className="pl-[5em] leading-8">2. 催办与通报情况</p>
      <p className="pl-[5em] leading-8">3. 各单位年度工作情况报告</p>
      <SignOff issuer={report.signOff.issuer} dateText={report.signOff.dateText} />
      <h3 className="break-before-page pt-4 font-bold">附件1 未按时报送季度进展报告的单位</h3>
      {report.late.length === 0 ? (
        <p>本年度各单位均按时报送。</p>
      ) : (
        <table className="w-full border-collapse text-sm [&_td]:border [&_td]:border-black [&_td]:px-1 [&_th]:border [&_th]:border-black">
          <TableHead columns={["季度", "单位", "未按时报送（份）"]} dense />
          <tbody>
            {report.late.map((row) => (
              <tr key={`${row.quarter}-${row.unit}`}>
                <td>{row.quarter}</td>
                <td>{row.unit}</td>
                <td>{row.missing}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="pt-4 font-bold">附件2 催办与通报情况</h3>
      {report.reminders.length === 0 ? (
        <p>本年度未发出催办或通报。</p>
      ) : (
        <table className="w-full border-collapse text-sm [&_td]:border [&_td]:border-black [&_td]:px-1 [&_th]:border [&_th]:border-black">
          <TableHead columns={["时间", "单位", "季度", "方式", "内容"]} dense />
          <tbody>
            {report.reminders.map((row, index) => (
              <tr key={index}>
                <td>{row.at}</td>
                <td>{row.unit}</td>
                <td>{row.quarter}</td>
                <td>{row.level}</td>
                <td>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-label="附件3 各单位年度工作情况报告">
        <h3 className="pt-4 font-bold">附件3 各单位年度工作情况报告</h3>
        {unitReportsAnnex(report.unitReports).map((line, index) => (
          <p key={index} className={p}>
            {line}
          </p>
        ))}
      </section>
    </article>
  );
}
