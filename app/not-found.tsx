import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-2xl font-semibold">页面不存在</h1>
      <p className="mt-4 text-slate-700">您要找的内容不存在或已被移除。</p>
      <p className="mt-6">
        <Link className="text-blue-700 underline" href="/">
          返回首页
        </Link>
      </p>
    </main>
  );
}
