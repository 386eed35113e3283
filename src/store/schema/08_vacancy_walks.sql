-- Vacant units, issue 8: who walked apart from who typed it in, why a reading went down
-- (a new meter's start beside the roll-over maximum), the repair order an anomaly opened,
-- and the shut-off of water and power as a task after approval (old approvals had it done
-- at approval, so they are marked done then). The readings index takes the new starts so
-- the month's list still reads from the index alone.
ALTER TABLE vacancy_inspections ADD COLUMN recorded_by INTEGER REFERENCES staff(id);
ALTER TABLE vacancy_inspections ADD COLUMN recorded_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancy_inspections ADD COLUMN water_start INTEGER CHECK (water_start >= 0);
ALTER TABLE vacancy_inspections ADD COLUMN power_start INTEGER CHECK (power_start >= 0);
ALTER TABLE vacancy_inspections ADD COLUMN gas_start INTEGER CHECK (gas_start >= 0);
ALTER TABLE vacancy_inspections ADD COLUMN repair_id INTEGER REFERENCES repairs(id);
UPDATE vacancy_inspections SET recorded_by = inspector, recorded_by_name = inspector_name;

ALTER TABLE basement_inspections ADD COLUMN recorded_by INTEGER REFERENCES staff(id);
ALTER TABLE basement_inspections ADD COLUMN recorded_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE basement_inspections ADD COLUMN water_start INTEGER CHECK (water_start >= 0);
ALTER TABLE basement_inspections ADD COLUMN power_start INTEGER CHECK (power_start >= 0);
ALTER TABLE basement_inspections ADD COLUMN gas_start INTEGER CHECK (gas_start >= 0);
ALTER TABLE basement_inspections ADD COLUMN repair_id INTEGER REFERENCES repairs(id);
UPDATE basement_inspections SET recorded_by = inspector, recorded_by_name = inspector_name;

ALTER TABLE vacancy_applications ADD COLUMN shut_off_at TEXT;
ALTER TABLE vacancy_applications ADD COLUMN shut_off_by_name TEXT;
UPDATE vacancy_applications SET shut_off_at = decided_at, shut_off_by_name = decided_by_name
    WHERE status IN ('approved', 'ended');

DROP INDEX vacancy_inspections_readings;
CREATE INDEX vacancy_inspections_readings ON vacancy_inspections(month, unit_id, inspected_on, id,
    water_litres, power_centi, gas_litres, water_max, power_max, gas_max,
    water_start, power_start, gas_start);
