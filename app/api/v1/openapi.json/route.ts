import { route } from "@/lib/core/route";
import { publicJson } from "@/lib/core/responses";
import { openApiDocument } from "@/lib/api/openapi";

export const GET = route({ auth: "public" }, async () => publicJson(openApiDocument, 300));
