-- The quarters a task × unit pair owes a report for: from the plan's first quarter, 2024Q3 (the
-- plan was issued in June 2024; PLAN_FIRST_QUARTER in lib/core/quarters.ts), through the quarter
-- of the task's deadline (taskSpansQuarter there; a test checks both agree for every task). Every
-- query that counts owed reports asks this function instead of repeating the arithmetic.
-- LANGUAGE sql, IMMUTABLE and one expression, so the planner inlines it: no call per row.
CREATE OR REPLACE FUNCTION meili_owes_report(deadline date, report_year int, report_quarter int) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT report_year * 4 + report_quarter - 1
         BETWEEN 2024 * 4 + 2 AND extract(year FROM deadline)::int * 4 + extract(quarter FROM deadline)::int - 1
$$;
