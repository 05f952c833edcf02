-- CreateEnum
CREATE TYPE "AssessmentItemKind" AS ENUM ('AUTO', 'MANUAL', 'BONUS', 'DEDUCTION');

-- CreateEnum
CREATE TYPE "AssessmentStage" AS ENUM ('SELF_ASSESSING', 'SELF_SUBMITTED', 'CONFIRMED');

-- CreateTable
CREATE TABLE "ProgressEvaluation" (
    "year" INTEGER NOT NULL,
    "asOf" DATE NOT NULL,
    "content" JSONB NOT NULL,
    "frozenById" INTEGER NOT NULL,
    "frozenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressEvaluation_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "AssessmentScheme" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "grades" JSONB NOT NULL,
    "bonusCap" DECIMAL(6,2) NOT NULL,
    "deductionCap" DECIMAL(6,2) NOT NULL,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "lockedAt" TIMESTAMP(3),
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentItem" (
    "id" SERIAL NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AssessmentItemKind" NOT NULL,
    "points" DECIMAL(6,2) NOT NULL,
    "metric" TEXT,
    "description" TEXT NOT NULL,

    CONSTRAINT "AssessmentItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentResult" (
    "id" SERIAL NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "stage" "AssessmentStage" NOT NULL DEFAULT 'SELF_ASSESSING',
    "selfTotal" DECIMAL(7,2),
    "total" DECIMAL(7,2),
    "grade" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "selfSubmittedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" INTEGER,

    CONSTRAINT "AssessmentResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "id" SERIAL NOT NULL,
    "resultId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "selfScore" DECIMAL(6,2),
    "selfReason" TEXT,
    "selfEvidenceName" TEXT,
    "selfEvidenceSha256" TEXT,
    "score" DECIMAL(6,2),
    "reason" TEXT,
    "computed" JSONB,
    "scoredById" INTEGER,
    "scoredAt" TIMESTAMP(3),

    CONSTRAINT "AssessmentScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScheme_year_version_key" ON "AssessmentScheme"("year", "version");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentItem_schemeId_code_key" ON "AssessmentItem"("schemeId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentItem_schemeId_position_key" ON "AssessmentItem"("schemeId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentResult_schemeId_unitId_key" ON "AssessmentResult"("schemeId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScore_resultId_itemId_key" ON "AssessmentScore"("resultId", "itemId");

-- AddForeignKey
ALTER TABLE "ProgressEvaluation" ADD CONSTRAINT "ProgressEvaluation_frozenById_fkey" FOREIGN KEY ("frozenById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScheme" ADD CONSTRAINT "AssessmentScheme_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentItem" ADD CONSTRAINT "AssessmentItem_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "AssessmentResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AssessmentItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_scoredById_fkey" FOREIGN KEY ("scoredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
