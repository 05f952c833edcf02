import Link from "next/link";

export const metadata = { title: "无权访问" };

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-2xl font-semibold">无权访问</h1>
      <p className="mt-4 text-slate-700">当前账号的角色或所属单位无权查看此页面。如需权限，请联系系统管理员。</p>
      <p className="mt-6">
        <Link className="text-blue-700 underline" href="/">
          返回首页
        </Link>
      </p>
    </main>
  );
}
