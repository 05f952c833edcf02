import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { selfAssessmentTodo } from "@/lib/results-assessment/assessments";

/** 我的待办: the unit's 成效考核 self-assessment once 省生态环境厅 has started scoring the year. */
export async function SelfAssessmentTodo({ user }: { user: SessionUser }) {
  const years = await selfAssessmentTodo(user);
  if (years.length === 0 || !user.unitCode) return null;
  return (
    <section aria-labelledby="self-assessment-todo-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="self-assessment-todo-heading" className="font-semibold text-amber-950">
        成效考核自评
      </h2>
      <ul className="mt-1 space-y-1">
        {years.map((year) => (
          <li key={year}>
            {year}年度成效考核已启动，自动计算项目已预填，请补充需单位说明的项目后提交自评。
            <Link href={`/assessment/${year}/units/${user.unitCode}`} className="ml-2 text-blue-800 hover:underline">
              填写{year}年度自评
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
