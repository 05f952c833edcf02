-- AlterTable
ALTER TABLE "PlanAmendment" ADD COLUMN     "applyError" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3);
