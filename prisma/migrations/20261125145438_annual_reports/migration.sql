-- CreateTable
CREATE TABLE "AnnualReport" (
    "year" INTEGER NOT NULL,
    "narrative" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnualReport_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "AnnualReportRevision" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "narrative" JSONB NOT NULL,
    "actorId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnualReportRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReportRevision_year_version_key" ON "AnnualReportRevision"("year", "version");

-- AddForeignKey
ALTER TABLE "AnnualReport" ADD CONSTRAINT "AnnualReport_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReportRevision" ADD CONSTRAINT "AnnualReportRevision_year_fkey" FOREIGN KEY ("year") REFERENCES "AnnualReport"("year") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReportRevision" ADD CONSTRAINT "AnnualReportRevision_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
