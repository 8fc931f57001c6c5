-- The body that hears appeals against the centre's decisions (usually the samorządowe kolegium
-- odwoławcze of the area), named in every refusal decision the centre prints.
ALTER TABLE centre ADD COLUMN appeal_body TEXT NOT NULL DEFAULT '';
