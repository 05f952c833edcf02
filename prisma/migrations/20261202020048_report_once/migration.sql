-- CreateEnum
CREATE TYPE "ConflictStatus" AS ENUM ('OPEN', 'KEPT', 'REPLACED');

-- AlterTable
ALTER TABLE "IndicatorObservation" ADD COLUMN     "sourceReportId" INTEGER,
ADD COLUMN     "warning" TEXT;

-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "carriedFromId" INTEGER;

-- AlterTable
ALTER TABLE "ReportFigure" ADD COLUMN     "warning" TEXT;

-- CreateTable
CREATE TABLE "ObservationConflict" (
    "id" SERIAL NOT NULL,
    "observationId" INTEGER NOT NULL,
    "reportId" INTEGER NOT NULL,
    "standingValue" DECIMAL(14,4) NOT NULL,
    "reportedValue" DECIMAL(14,4) NOT NULL,
    "reportedNote" TEXT NOT NULL DEFAULT '',
    "status" "ConflictStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,

    CONSTRAINT "ObservationConflict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ObservationConflict_status_idx" ON "ObservationConflict"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ObservationConflict_observationId_reportId_key" ON "ObservationConflict"("observationId", "reportId");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorObservation" ADD CONSTRAINT "IndicatorObservation_sourceReportId_fkey" FOREIGN KEY ("sourceReportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservationConflict" ADD CONSTRAINT "ObservationConflict_observationId_fkey" FOREIGN KEY ("observationId") REFERENCES "IndicatorObservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservationConflict" ADD CONSTRAINT "ObservationConflict_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservationConflict" ADD CONSTRAINT "ObservationConflict_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
