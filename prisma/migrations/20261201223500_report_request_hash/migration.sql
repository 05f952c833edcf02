-- The hash of the whole request that wrote a revision (lib/reports/save-report.ts requestHashOf):
-- a retry under the same idempotency key is answered again only when it is the same request in
-- full. Revisions written before this column have none, so their keys are not answered again.
ALTER TABLE "ReportRevision" ADD COLUMN "requestHash" TEXT;
