import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

/** Any other address under /api answers in the API's JSON error body, not with the HTML 404 page. */
const notFound = route({ auth: "public" }, async ({ request }) => {
  throw new AppError("NOT_FOUND", `接口不存在：${new URL(request.url).pathname.slice(0, 200)}`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
