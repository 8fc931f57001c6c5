-- A resident's gmina becomes searchable (`gmina:` in a query). The kinds of resident_key, as
-- numbered in storage::residents::KeyKind: 1 folded "surname␁first name", 2 folded "first
-- name␁surname", 3 any other word of the names and the words of the street and town, 4 PESEL,
-- 5 phone digits without a country prefix, 6 birth year, 7 the sound key of each word of the
-- names, 8 each tail of the phone digits from the second digit on, four digits or longer, and now
-- 9 each folded word of the name of the resident's gmina followed by ␁ and the resident's kind 1
-- key, so that a gmina's residents lie in name order.

-- search_gmina_keys() is the Rust function index_resident uses for these keys, registered by the
-- migration runner; it folds as the rest of the index does.
INSERT OR IGNORE INTO resident_key (kind, key, resident_id)
SELECT 9, k.value, r.id
FROM resident r
JOIN gmina g ON g.id = r.gmina_id
JOIN resident_key n ON n.resident_id = r.id AND n.kind = 1,
     json_each(search_gmina_keys(g.name, n.key)) k;
