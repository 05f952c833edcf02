import { PageNotice } from "@/components/ui/page-notice";

export const metadata = { title: "页面不存在" };

/** notFound() in a signed-in page: a record that does not exist or that the reader may not see, inside the layout. */
export default function NotFound() {
  return <PageNotice title="页面不存在">您要找的内容不存在、已被移除，或当前账号无权查看。</PageNotice>;
}
