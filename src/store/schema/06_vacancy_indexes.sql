-- The month's vacant list at ten years: covering indexes, so the three months of readings
-- and the applications in force are read from the index alone (no row lookups), in place
-- of the plain month index.
CREATE INDEX vacancy_inspections_readings ON vacancy_inspections(month, unit_id, inspected_on, id,
    water_litres, power_centi, gas_litres, water_max, power_max, gas_max);
DROP INDEX vacancy_inspections_month;
CREATE INDEX vacancy_applications_in_force ON vacancy_applications(status, period_from, ended_on,
    period_to, unit_id);
