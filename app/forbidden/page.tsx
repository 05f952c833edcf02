import { forbidden } from "next/navigation";
import { connection } from "next/server";

export const metadata = { title: "无权访问" };

/**
 * Where requirePermission sends a refused user: outside the signed-in layout, so it lists no entry
 * the role may not use. It answers 403 (forbidden() renders app/forbidden.tsx) and is rendered per
 * request, never prerendered, so its scripts carry the nonce of the request's Content-Security-Policy.
 */
export default async function ForbiddenPage(): Promise<never> {
  await connection();
  forbidden();
}
