import type { AnnualReportData } from "@/lib/annual/annual-report";
import { TableHead } from "@/components/ui/table-head";
import { joinProgress } from "@/lib/annual/annual-text";

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五"];

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
      <p className={`${p} whitespace-pre-wrap`}>{report.narrative.intro}</p>
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
              <p className={p}>
                {task.unitsReported === 0
                  ? `本年度${task.unitsTotal}个责任单位均无审核通过的进展报告。`
                  : `本年度${task.unitsTotal}个责任单位中${task.unitsReported}个报送并通过审核，平均完成${task.averagePercent}%。` +
                    joinProgress(task.progress)}
              </p>
            </div>
          ))}
        </section>
      ))}
      <h3 className="indent-8 font-bold">四、存在的问题</h3>
      <p className={`${p} whitespace-pre-wrap`}>{report.narrative.problems}</p>
      {report.sections.flatMap((section) =>
        section.problems.map((item) => (
          <p key={`${section.number}-${item.text}`} className={p}>
            {item.text}（{item.unit}）
          </p>
        )),
      )}
      <h3 className="indent-8 font-bold">五、下一步工作安排</h3>
      <p className={`${p} whitespace-pre-wrap`}>{report.narrative.nextSteps}</p>
      {report.sections.flatMap((section) =>
        section.nextSteps.map((item) => (
          <p key={`${section.number}-${item.text}`} className={p}>
            {item.text}（{item.unit}）
          </p>
        )),
      )}
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
    </article>
  );
}
