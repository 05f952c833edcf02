import Link from "next/link";

/** "上级 / 当前页": the way back, hidden when printing. */
export function Breadcrumb({ href, label, children }: { href: string; label: string; children: React.ReactNode }) {
  return (
    <nav aria-label="面包屑" className="no-print text-sm text-slate-600">
      <Link href={href} className="hover:underline">
        {label}
      </Link>{" "}
      / {children}
    </nav>
  );
}
