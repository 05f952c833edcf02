-- AlterTable
ALTER TABLE "ReportRevision" ADD COLUMN     "requestId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ReportRevision_requestId_key" ON "ReportRevision"("requestId");
