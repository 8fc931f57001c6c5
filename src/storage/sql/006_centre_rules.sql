-- A training or demo centre lets a run act as another login (OKIENKO_LOGIN) and says so on
-- every screen; a real centre never does.
ALTER TABLE centre ADD COLUMN training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1));
-- Four eyes: the approver neither coordinates the plan nor drafted the version. A centre too
-- small for that turns the rule off; each approval records whether it held.
ALTER TABLE centre ADD COLUMN four_eyes INTEGER NOT NULL DEFAULT 1 CHECK (four_eyes IN (0, 1));
ALTER TABLE plan_decision ADD COLUMN four_eyes INTEGER NOT NULL DEFAULT 1 CHECK (four_eyes IN (0, 1));
