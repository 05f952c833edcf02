/**
 * Pieces every API contract shares: the error body, the `{ "data": … }` envelope, responses and
 * path segments. Each resource's `*.contract.ts` describes its routes with these; the OpenAPI
 * document (openapi.ts) is generated from them and the routes parse their input with the same
 * schemas, so the document cannot drift from what the routes do.
 */
import type { ZodOpenApiResponseObject } from "zod-openapi";
import { z } from "@/lib/core/zod";

/** `{ "error": { "status", "message" } }`: every refusal and failure of every route. */
export const ErrorBodySchema = z
  .strictObject({
    error: z.strictObject({
      status: z.int().min(400).max(599).meta({ description: "HTTP 状态码" }),
      message: z.string().meta({ description: "中文错误说明" }),
    }),
  })
  .meta({ id: "Error", description: "错误：状态码与中文说明，不含堆栈等内部信息" });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The envelope of every JSON answer: `{ "data": … }`. */
export const dataOf = <Schema extends z.ZodType>(schema: Schema) => z.strictObject({ data: schema });

export const jsonResponse = (description: string, schema: z.ZodType): ZodOpenApiResponseObject => ({
  description,
  content: { "application/json": { schema } },
});

export const fileResponse = (description: string, mediaType: string): ZodOpenApiResponseObject => ({
  description,
  content: { [mediaType]: { schema: z.string().meta({ format: "binary" }) } },
});

/** A documented refusal with the shared error body. */
export const errorResponse = (description: string) => jsonResponse(description, ErrorBodySchema);

/** Every route may fail unexpectedly; it then answers 500 with the error body (logged, no details). */
export const internalErrorResponse = errorResponse("服务器内部错误");
