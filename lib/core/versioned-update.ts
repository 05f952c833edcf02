import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatChinaTime } from "@/lib/core/dates";
import { StaleWriteError } from "@/lib/core/errors";
import { lastChangeOf } from "@/lib/audit/audit";

/**
 * Optimistic concurrency, written once: every write of an editable record carries the version the
 * user loaded and is conditioned on it in the same statement (`WHERE <key> AND version = $v`,
 * version + 1), so of two writers holding the same version exactly one succeeds — the other's
 * statement waits for the first to commit, then matches no row. A write that matches nothing is
 * refused with a StaleWriteError that names who changed the record and when (and, if the caller reads
 * it, carries the record as it is now, so the user can compare and go on). Everything runs in the
 * caller's transaction, so a refusal rolls back whatever the caller wrote before it.
 */

type Tx = Prisma.TransactionClient;

/** Who last changed a record and when. */
export interface LastChange {
  who: string;
  at: Date;
}

export interface StaleWrite {
  /** Who changed the record since it was loaded: see `lastAudited` (the record's audit log). */
  lastChange: (tx: Tx) => Promise<LastChange | null>;
  /** The refusal in the caller's words (Chinese), given that person and the time (China time). */
  message: (change: { who: string; when: string }) => string;
  /**
   * The record as it is now, for the form to show beside the user's own text: it becomes the
   * refusal's `data` (StaleWriteData), so the user can compare, then keep theirs or take the other.
   */
  current?: (tx: Tx) => Promise<{ version: number; record: unknown } | null>;
}

/** What a stale write's refusal carries when the caller reads the record as it is now (`StaleWrite.current`). */
export interface StaleWriteData<Record = unknown> {
  /** Who changed it and when (China time), as the message says. */
  who: string;
  when: string;
  /** Its version now: a write based on this version is how the user overwrites it after looking. */
  version: number;
  record: Record;
}

/** The last change of a record as its audit log tells it (`entity` and `entityId` as recorded). */
export function lastAudited(entity: string, entityId: string): StaleWrite["lastChange"] {
  return async (tx) => {
    const change = await lastChangeOf(entity, entityId, tx);
    return change ? { who: change.actor?.displayName ?? "系统", at: change.at } : null;
  };
}

/** The refusal of a stale write, naming who changed the record and when, read in the caller's transaction. */
export async function staleWriteError(tx: Tx, stale: StaleWrite): Promise<StaleWriteError> {
  const change = await stale.lastChange(tx);
  const named = { who: change?.who ?? "其他用户", when: change ? formatChinaTime(change.at) : "刚才" };
  const current = stale.current ? await stale.current(tx) : null;
  const data: StaleWriteData | undefined = current ? { ...named, ...current } : undefined;
  return new StaleWriteError(stale.message(named), {}, data);
}

/** Models with an optimistic-concurrency `version` column (Int, default 1). */
type VersionedModel =
  | "progressReport"
  | "indicatorObservation"
  | "task"
  | "setting"
  | "annualReport"
  | "measureList"
  | "coordinationIssue"
  | "unitAnnualReport"
  | "unitReportRound"
  | "assessmentResult"
  | "escalation"
  | "contactPreference"
  | "unitNoticeDefault";
type UpdateManyArgs<M extends VersionedModel> = Prisma.Args<Tx[M], "updateMany">;
type CreateManyArgs<M extends VersionedModel> = Prisma.Args<Tx[M], "createMany">;

/** What the helper calls on any of those delegates; their generic signatures cannot be called through a union. */
interface Delegate {
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  createMany(args: { data: object; skipDuplicates: boolean }): Promise<{ count: number }>;
}

export interface VersionedTarget<M extends VersionedModel> {
  /** The record's unique key: `{ id }`, `{ key }` (Setting), `{ year }` (AnnualReport)… */
  where: NonNullable<UpdateManyArgs<M>["where"]>;
  /** The version the user loaded; 0 for a record that did not exist yet (then `create` is required). */
  version: number;
  /** The record to insert when `version` is 0 (it starts at the column's default version, 1). */
  create?: CreateManyArgs<M>["data"];
}

/**
 * Updates one record if it still has `target.version` (incrementing it), or creates it when the
 * user saw none (version 0; a record someone created meanwhile makes the insert a no-op). Throws a
 * StaleWriteError naming who changed it otherwise. Returns the record's new version.
 */
export async function updateVersioned<M extends VersionedModel>(
  tx: Tx,
  model: M,
  target: VersionedTarget<M>,
  data: UpdateManyArgs<M>["data"],
  stale: StaleWrite,
): Promise<number> {
  const delegate = tx[model] as unknown as Delegate;
  let written: { count: number };
  if (target.version === 0) {
    if (!target.create) throw await staleWriteError(tx, stale);
    written = await delegate.createMany({ data: target.create, skipDuplicates: true });
  } else {
    written = await delegate.updateMany({
      where: { ...target.where, version: target.version },
      data: { ...data, version: { increment: 1 } },
    });
  }
  if (written.count === 0) throw await staleWriteError(tx, stale);
  return target.version + 1;
}

/**
 * The same rule for a raw-SQL write (one statement with CTEs): `UPDATE <table> SET <set>, version =
 * version + 1 WHERE id = $id AND version = $version [AND <condition>] RETURNING <columns>`. Pass the
 * statement's result to `writtenOrStale`.
 */
export function versionedUpdateSql(
  table: "ProgressReport",
  target: { id: number; version: number },
  set: Prisma.Sql,
  options: { returning: Prisma.Sql; condition?: Prisma.Sql },
): Prisma.Sql {
  return Prisma.sql`
    UPDATE ${Prisma.raw(`"${table}"`)} SET ${set}, version = version + 1
    WHERE id = ${target.id} AND version = ${target.version} ${options.condition ? Prisma.sql`AND ${options.condition}` : Prisma.empty}
    RETURNING ${options.returning}`;
}

/** The row a versioned statement returned, or the StaleWriteError when it returned none. */
export async function writtenOrStale<Row>(tx: Tx, row: Row | undefined, stale: StaleWrite): Promise<Row> {
  if (row === undefined) throw await staleWriteError(tx, stale);
  return row;
}
