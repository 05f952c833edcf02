/**
 * Reads an API answer through the contract's own zod schema (lib/api), so every e2e call also
 * checks that the running server answers in the documented shape.
 */
import type { APIResponse } from "@playwright/test";
import type { z } from "zod";
import { ErrorBodySchema } from "@/lib/api/contract";

export async function bodyOf<Schema extends z.ZodType>(response: APIResponse, schema: Schema): Promise<z.output<Schema>> {
  return schema.parse(await response.json());
}

export const errorOf = (response: APIResponse) => bodyOf(response, ErrorBodySchema).then((body) => body.error);
