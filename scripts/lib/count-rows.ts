import type pg from "pg";

/** `SELECT count(*) …` as a number: the scripts' one way to count rows they check. */
export async function countRows(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<number> {
  const result = await client.query<{ count: string | number }>(sql, params);
  return Number(result.rows[0]?.count ?? 0);
}
