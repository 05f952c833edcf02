-- CreateTable
CREATE TABLE "UnitAnnualReport" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "sections" JSONB NOT NULL,
    "signatory" TEXT NOT NULL,
    "signedOn" DATE,
    "sealedFileName" TEXT,
    "sealedFileSha256" TEXT,
    "sealedFileSize" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,

    CONSTRAINT "UnitAnnualReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitAnnualReportRevision" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "status" "ReportStatus" NOT NULL,
    "snapshot" JSONB NOT NULL,
    "actorId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitAnnualReportRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitReportRound" (
    "year" INTEGER NOT NULL,
    "deadline" DATE NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "setById" INTEGER NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitReportRound_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE INDEX "UnitAnnualReport_year_status_idx" ON "UnitAnnualReport"("year", "status");

-- CreateIndex
CREATE UNIQUE INDEX "UnitAnnualReport_unitId_year_key" ON "UnitAnnualReport"("unitId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "UnitAnnualReportRevision_reportId_version_key" ON "UnitAnnualReportRevision"("reportId", "version");

-- AddForeignKey
ALTER TABLE "UnitAnnualReport" ADD CONSTRAINT "UnitAnnualReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitAnnualReport" ADD CONSTRAINT "UnitAnnualReport_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitAnnualReport" ADD CONSTRAINT "UnitAnnualReport_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitAnnualReportRevision" ADD CONSTRAINT "UnitAnnualReportRevision_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "UnitAnnualReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitAnnualReportRevision" ADD CONSTRAINT "UnitAnnualReportRevision_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitReportRound" ADD CONSTRAINT "UnitReportRound_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
