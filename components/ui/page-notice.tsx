import Link from "next/link";

/** The body of the 403 and 404 pages: what happened, in Chinese, and the way back to the home page. */
export function PageNotice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl py-10 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-4 text-slate-700">{children}</p>
      <p className="mt-6">
        {/* "/" sends each role to its own home (我的待办, 审核台, 总览 …) and a visitor to sign-in. */}
        <Link className="text-blue-700 underline" href="/">
          返回首页
        </Link>
      </p>
    </div>
  );
}
