import { notFound } from "next/navigation";
import { yearSchema } from "@/lib/core/schemas";

/** A year outside the plan is a real 404, answered before the report's loading state streams. */
export default async function AnnualYearLayout({ children, params }: { children: React.ReactNode; params: Promise<{ year: string }> }) {
  if (!yearSchema().safeParse((await params).year).success) notFound();
  return children;
}
