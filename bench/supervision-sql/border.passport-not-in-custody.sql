-- 公职人员名下有效的因私出入境证件签发已满 30 天，仍无“在保管”的交存记录。
WITH official AS (
  SELECT r.id, f.entity_id, r.data->>'name' AS name, r.data->>'unit_name' AS unit_name, r.data->>'town_code' AS town_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'zuzhi.officials' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zuzhi.officials') AND r.valid_to IS NULL
), document AS (
  SELECT r.id, f.entity_id, r.data->>'document_no' AS document_no, r.data->>'document_type' AS document_type,
         (r.data->>'issued_on')::date AS issued_on
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'gongan.travel_documents' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'gongan.travel_documents') AND r.valid_to IS NULL
    AND r.data->>'status' = '有效'
), in_custody AS (
  SELECT r.data->>'document_no' AS document_no
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zuzhi.document_custody') AND r.valid_to IS NULL
    AND r.data->>'status' = '在保管'
)
SELECT o.entity_id AS subject, o.town_code AS place,
       o.name AS e_official, o.unit_name AS e_unit, t.document_type AS e_document_type, t.document_no AS e_document_no,
       t.issued_on::text AS e_issued_on, t.document_no AS k_0, o.id AS o_row, t.id AS t_row
FROM official o
JOIN document t ON t.entity_id = o.entity_id AND (t.issued_on > $1::date - 30) IS NOT TRUE
-- document_no is a required field (no NULLs), so NOT IN is safe and runs as one hashed lookup
WHERE t.document_no NOT IN (SELECT document_no FROM in_custody);
