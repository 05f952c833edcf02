-- AlterTable
ALTER TABLE "PlanAmendment" ADD COLUMN     "appliedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReportMilestone" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "milestoneId" INTEGER NOT NULL,
    "outcome" "MilestoneStatus" NOT NULL,
    "doneDate" DATE,
    "reason" TEXT,
    "newDate" DATE,

    CONSTRAINT "ReportMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportMilestone_milestoneId_idx" ON "ReportMilestone"("milestoneId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportMilestone_reportId_milestoneId_key" ON "ReportMilestone"("reportId", "milestoneId");

-- AddForeignKey
ALTER TABLE "ReportMilestone" ADD CONSTRAINT "ReportMilestone_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportMilestone" ADD CONSTRAINT "ReportMilestone_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Amendments made before this migration were applied when they were saved.
UPDATE "PlanAmendment" SET "appliedAt" = "createdAt";
