-- 报修: the technician's 15 minutes run from the appointment or, for a slip handed over
-- after it, from the dispatch. Orders dispatched before this rule get their clock moved the
-- same way, so the overdue list agrees with each order's own countdown. (Times are stored
-- as text that sorts as it reads.)
UPDATE repairs SET clock_at = max(appointment_at, dispatched_at)
    WHERE state = 'dispatched' AND dispatched_at IS NOT NULL;
