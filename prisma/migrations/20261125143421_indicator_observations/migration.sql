-- CreateTable
CREATE TABLE "IndicatorObservation" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "area" TEXT NOT NULL DEFAULT 'province',
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL DEFAULT 0,
    "value" DECIMAL(14,4) NOT NULL,
    "source" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "status" "ReportStatus" NOT NULL DEFAULT 'SUBMITTED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "enteredById" INTEGER,
    "enteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,

    CONSTRAINT "IndicatorObservation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IndicatorObservation_status_indicatorId_idx" ON "IndicatorObservation"("status", "indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorObservation_indicatorId_area_year_quarter_key" ON "IndicatorObservation"("indicatorId", "area", "year", "quarter");

-- AddForeignKey
ALTER TABLE "IndicatorObservation" ADD CONSTRAINT "IndicatorObservation_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorObservation" ADD CONSTRAINT "IndicatorObservation_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorObservation" ADD CONSTRAINT "IndicatorObservation_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "IndicatorObservation" ADD CONSTRAINT "IndicatorObservation_quarter_range" CHECK ("quarter" BETWEEN 0 AND 4);
