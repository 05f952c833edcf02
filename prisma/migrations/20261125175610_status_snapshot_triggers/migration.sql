-- An update that moves a report to another task or unit marks both pairs stale, not only the new one.
CREATE FUNCTION pair_status_mark_stale_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PairStatus" p SET stale = true
  FROM (SELECT "taskId", "unitId" FROM changed UNION SELECT "taskId", "unitId" FROM previous) c
  WHERE p."taskId" = c."taskId" AND p."unitId" = c."unitId";
  RETURN NULL;
END
$$;

DROP TRIGGER pair_status_report_update ON "ProgressReport";
CREATE TRIGGER pair_status_report_update AFTER UPDATE ON "ProgressReport"
  REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pair_status_mark_stale_both();

-- A task moved to another section changes the unit tallies (counted per section): drop the snapshots.
DROP TRIGGER status_snapshots_deadlines ON "Task";
CREATE TRIGGER status_snapshots_tasks AFTER UPDATE OF "deadlineDate", "sectionId" OR DELETE OR TRUNCATE ON "Task"
  FOR EACH STATEMENT EXECUTE FUNCTION status_snapshots_drop();
