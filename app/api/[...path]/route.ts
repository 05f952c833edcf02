import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

/**
 * Any other address under /api answers in the API's JSON error body, not with the HTML 404 page.
 * Only GET (and the HEAD and OPTIONS Next derives from it): the API only reads, so proxy.ts
 * answers any other method with 405, `Allow` and a Chinese JSON error before a route is chosen
 * (lib/core/request-checks.ts).
 */
export const GET = route({ auth: "public" }, async ({ request }) => {
  throw new AppError("NOT_FOUND", `接口不存在：${new URL(request.url).pathname.slice(0, 200)}`);
});
