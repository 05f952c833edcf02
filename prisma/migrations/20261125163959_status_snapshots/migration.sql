-- CreateEnum
CREATE TYPE "UnitTaskStatus" AS ENUM ('DONE', 'OVERDUE_REPORT', 'BEHIND', 'DUE_SOON', 'ON_TRACK');

-- CreateTable
CREATE TABLE "StatusSnapshot" (
    "id" SERIAL NOT NULL,
    "today" DATE NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PairStatus" (
    "snapshotId" INTEGER NOT NULL,
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "UnitTaskStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "stale" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "PairStatus_pkey" PRIMARY KEY ("snapshotId","taskId","unitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusSnapshot_today_windowDays_key" ON "StatusSnapshot"("today", "windowDays");

-- CreateIndex
CREATE INDEX "PairStatus_taskId_unitId_idx" ON "PairStatus"("taskId", "unitId");

-- CreateIndex
CREATE INDEX "PairStatus_snapshotId_stale_idx" ON "PairStatus"("snapshotId", "stale");

-- AddForeignKey
ALTER TABLE "PairStatus" ADD CONSTRAINT "PairStatus_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "StatusSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Snapshots stay true to the reports: a change to a pair's reports marks that pair stale in every
-- snapshot (the next read re-evaluates it). The UPDATE always takes the pairs' row locks, so a
-- reader re-evaluating them waits for the writing transaction and then sees its rows.
CREATE FUNCTION pair_status_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PairStatus" p SET stale = true
  FROM (SELECT DISTINCT "taskId", "unitId" FROM changed) c
  WHERE p."taskId" = c."taskId" AND p."unitId" = c."unitId";
  RETURN NULL;
END
$$;

CREATE TRIGGER pair_status_report_insert AFTER INSERT ON "ProgressReport"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pair_status_mark_stale();
CREATE TRIGGER pair_status_report_update AFTER UPDATE ON "ProgressReport"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pair_status_mark_stale();
CREATE TRIGGER pair_status_report_delete AFTER DELETE ON "ProgressReport"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pair_status_mark_stale();

-- Changes that touch every pair (assignments, deadlines, a truncated report table) drop the snapshots.
CREATE FUNCTION status_snapshots_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "StatusSnapshot";
  RETURN NULL;
END
$$;

CREATE TRIGGER status_snapshots_assignments AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "TaskUnit"
  FOR EACH STATEMENT EXECUTE FUNCTION status_snapshots_drop();
CREATE TRIGGER status_snapshots_deadlines AFTER UPDATE OF "deadlineDate" OR DELETE OR TRUNCATE ON "Task"
  FOR EACH STATEMENT EXECUTE FUNCTION status_snapshots_drop();
CREATE TRIGGER status_snapshots_reports_truncate AFTER TRUNCATE ON "ProgressReport"
  FOR EACH STATEMENT EXECUTE FUNCTION status_snapshots_drop();
