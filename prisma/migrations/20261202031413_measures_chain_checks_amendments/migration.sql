-- CreateEnum
CREATE TYPE "ReviewStage" AS ENUM ('LEAD', 'FINAL');

-- CreateEnum
CREATE TYPE "MeasureRole" AS ENUM ('LEAD', 'SUPPORT');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('PLANNED', 'DONE', 'LATE', 'DROPPED');

-- CreateEnum
CREATE TYPE "CheckMethod" AS ENUM ('DOCUMENTS', 'ON_SITE', 'UNANNOUNCED');

-- CreateEnum
CREATE TYPE "CheckSubject" AS ENUM ('TASK_UNIT', 'MEASURE', 'MILESTONE');

-- CreateEnum
CREATE TYPE "AmendmentKind" AS ENUM ('DEADLINE', 'UNITS', 'LEAD_UNIT');

-- CreateEnum
CREATE TYPE "CoordinationStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED');

-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "reviewStage" "ReviewStage";

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "reviewLevels" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "MeasureList" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "role" "MeasureRole" NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "reviewStage" "ReviewStage",
    "version" INTEGER NOT NULL DEFAULT 1,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,

    CONSTRAINT "MeasureList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" SERIAL NOT NULL,
    "listId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "responsible" TEXT NOT NULL,
    "fundsPlanned" DECIMAL(14,2),
    "fundsSpent" DECIMAL(14,2),
    "fundsSource" TEXT,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" SERIAL NOT NULL,
    "measureId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "plannedDate" DATE NOT NULL,
    "deliverable" TEXT NOT NULL,
    "indicatorId" INTEGER,
    "targetValue" DECIMAL(14,4),
    "status" "MilestoneStatus" NOT NULL DEFAULT 'PLANNED',
    "doneDate" DATE,
    "lateReason" TEXT,
    "newDate" DATE,
    "dropReason" TEXT,
    "reportId" INTEGER,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureListRevision" (
    "id" SERIAL NOT NULL,
    "listId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "status" "ReportStatus" NOT NULL,
    "reason" TEXT,
    "snapshot" JSONB NOT NULL,
    "actorId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasureListRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompletionCheck" (
    "id" SERIAL NOT NULL,
    "subject" "CheckSubject" NOT NULL,
    "taskId" INTEGER,
    "unitId" INTEGER,
    "measureId" INTEGER,
    "milestoneId" INTEGER,
    "checkedOn" DATE NOT NULL,
    "method" "CheckMethod" NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "finding" TEXT NOT NULL,
    "fileName" TEXT,
    "fileSha256" TEXT,
    "verifierId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompletionCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanAmendment" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "kind" "AmendmentKind" NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanAmendment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoordinationIssue" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "reportId" INTEGER,
    "raisedByUnitId" INTEGER NOT NULL,
    "raisedById" INTEGER NOT NULL,
    "addressedToUnitId" INTEGER,
    "toLeadership" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "deadline" DATE,
    "status" "CoordinationStatus" NOT NULL DEFAULT 'OPEN',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "closingNote" TEXT,

    CONSTRAINT "CoordinationIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoordinationReply" (
    "id" SERIAL NOT NULL,
    "issueId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoordinationReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MeasureList_unitId_year_idx" ON "MeasureList"("unitId", "year");

-- CreateIndex
CREATE INDEX "MeasureList_status_idx" ON "MeasureList"("status");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureList_taskId_unitId_year_key" ON "MeasureList"("taskId", "unitId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Measure_listId_position_key" ON "Measure"("listId", "position");

-- CreateIndex
CREATE INDEX "Milestone_plannedDate_idx" ON "Milestone"("plannedDate");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_measureId_position_key" ON "Milestone"("measureId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureListRevision_listId_version_key" ON "MeasureListRevision"("listId", "version");

-- CreateIndex
CREATE INDEX "CompletionCheck_taskId_unitId_idx" ON "CompletionCheck"("taskId", "unitId");

-- CreateIndex
CREATE INDEX "CompletionCheck_milestoneId_idx" ON "CompletionCheck"("milestoneId");

-- CreateIndex
CREATE INDEX "CompletionCheck_measureId_idx" ON "CompletionCheck"("measureId");

-- CreateIndex
CREATE INDEX "PlanAmendment_taskId_effectiveDate_idx" ON "PlanAmendment"("taskId", "effectiveDate");

-- CreateIndex
CREATE INDEX "CoordinationIssue_taskId_idx" ON "CoordinationIssue"("taskId");

-- CreateIndex
CREATE INDEX "CoordinationIssue_addressedToUnitId_status_idx" ON "CoordinationIssue"("addressedToUnitId", "status");

-- CreateIndex
CREATE INDEX "CoordinationIssue_status_idx" ON "CoordinationIssue"("status");

-- CreateIndex
CREATE INDEX "CoordinationReply_issueId_idx" ON "CoordinationReply"("issueId");

-- AddForeignKey
ALTER TABLE "MeasureList" ADD CONSTRAINT "MeasureList_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureList" ADD CONSTRAINT "MeasureList_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureList" ADD CONSTRAINT "MeasureList_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_listId_fkey" FOREIGN KEY ("listId") REFERENCES "MeasureList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureListRevision" ADD CONSTRAINT "MeasureListRevision_listId_fkey" FOREIGN KEY ("listId") REFERENCES "MeasureList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureListRevision" ADD CONSTRAINT "MeasureListRevision_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionCheck" ADD CONSTRAINT "CompletionCheck_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionCheck" ADD CONSTRAINT "CompletionCheck_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionCheck" ADD CONSTRAINT "CompletionCheck_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionCheck" ADD CONSTRAINT "CompletionCheck_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionCheck" ADD CONSTRAINT "CompletionCheck_verifierId_fkey" FOREIGN KEY ("verifierId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanAmendment" ADD CONSTRAINT "PlanAmendment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanAmendment" ADD CONSTRAINT "PlanAmendment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationIssue" ADD CONSTRAINT "CoordinationIssue_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationIssue" ADD CONSTRAINT "CoordinationIssue_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationIssue" ADD CONSTRAINT "CoordinationIssue_raisedByUnitId_fkey" FOREIGN KEY ("raisedByUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationIssue" ADD CONSTRAINT "CoordinationIssue_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationIssue" ADD CONSTRAINT "CoordinationIssue_addressedToUnitId_fkey" FOREIGN KEY ("addressedToUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationReply" ADD CONSTRAINT "CoordinationReply_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "CoordinationIssue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationReply" ADD CONSTRAINT "CoordinationReply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
