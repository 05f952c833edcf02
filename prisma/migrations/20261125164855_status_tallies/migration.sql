-- Snapshots are a cache: drop them rather than fill the new columns of existing pairs.
DELETE FROM "StatusSnapshot";

-- AlterTable
ALTER TABLE "PairStatus" ADD COLUMN     "collectingReport" "ReportStatus",
ADD COLUMN     "lastClosedReport" "ReportStatus",
ADD COLUMN     "owesCollecting" BOOLEAN NOT NULL,
ADD COLUMN     "owesLastClosed" BOOLEAN NOT NULL;

-- CreateTable
CREATE TABLE "TaskTally" (
    "snapshotId" INTEGER NOT NULL,
    "taskId" INTEGER NOT NULL,
    "status" "UnitTaskStatus" NOT NULL,
    "pairs" INTEGER NOT NULL,
    "percentSum" INTEGER NOT NULL,

    CONSTRAINT "TaskTally_pkey" PRIMARY KEY ("snapshotId","taskId","status")
);

-- CreateTable
CREATE TABLE "UnitTally" (
    "snapshotId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "section" INTEGER NOT NULL,
    "assignments" INTEGER NOT NULL,
    "lagging" INTEGER NOT NULL,
    "percentSum" INTEGER NOT NULL,
    "owedLastClosed" INTEGER NOT NULL,
    "submittedLastClosed" INTEGER NOT NULL,
    "acceptedLastClosed" INTEGER NOT NULL,
    "owedCollecting" INTEGER NOT NULL,
    "submittedCollecting" INTEGER NOT NULL,
    "acceptedCollecting" INTEGER NOT NULL,

    CONSTRAINT "UnitTally_pkey" PRIMARY KEY ("snapshotId","unitId","section")
);

-- CreateIndex
CREATE INDEX "PairStatus_snapshotId_unitId_idx" ON "PairStatus"("snapshotId", "unitId");

-- CreateIndex
CREATE INDEX "ProgressReport_year_quarter_idx" ON "ProgressReport"("year", "quarter");

-- AddForeignKey
ALTER TABLE "TaskTally" ADD CONSTRAINT "TaskTally_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "StatusSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitTally" ADD CONSTRAINT "UnitTally_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "StatusSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
