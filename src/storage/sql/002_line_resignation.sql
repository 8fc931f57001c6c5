-- Art. 44: a resignation from one service of a plan requires informing the director; the date
-- is kept with the line, as the plan keeps it for a resignation from the whole plan.
ALTER TABLE plan_line ADD COLUMN director_informed_on TEXT;
