import { connection } from "next/server";
import { PageNotice } from "@/components/ui/page-notice";

export const metadata = { title: "页面不存在" };

/**
 * An unknown address. Rendered per request, never prerendered, so its scripts carry the nonce of the
 * request's Content-Security-Policy.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="px-4">
      <PageNotice title="页面不存在">您要找的内容不存在或已被移除，请检查地址是否正确。</PageNotice>
    </main>
  );
}
