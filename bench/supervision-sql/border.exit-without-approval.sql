-- 公职人员入职后（入职日期不详也算）持非公务护照出境，出境日不在其任何一次因私出境审批的批准期内。
WITH official AS (
  SELECT r.id, f.entity_id, r.data->>'name' AS name, r.data->>'unit_name' AS unit_name,
         (r.data->>'joined_on')::date AS joined_on, r.data->>'town_code' AS town_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'zuzhi.officials' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zuzhi.officials') AND r.valid_to IS NULL
), exit AS (
  SELECT r.id, f.entity_id, r.data->>'record_no' AS record_no, (r.data->>'crossed_on')::date AS crossed_on,
         r.data->>'port' AS port, r.data->>'document_type' AS document_type
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'gongan.border_crossings' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'gongan.border_crossings') AND r.valid_to IS NULL
    AND r.data->>'direction' = '出境' AND r.data->>'document_type' IS DISTINCT FROM '公务护照'
), approval AS (
  SELECT f.entity_id, (r.data->>'approved_from')::date AS approved_from, (r.data->>'approved_to')::date AS approved_to
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'zuzhi.exit_approvals' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zuzhi.exit_approvals') AND r.valid_to IS NULL
)
SELECT o.entity_id AS subject, o.town_code AS place,
       o.name AS e_official, o.unit_name AS e_unit, x.crossed_on::text AS e_crossed_on, x.port AS e_port,
       x.document_type AS e_document_type, x.record_no AS k_0, o.id AS o_row, x.id AS x_row, $1::date AS as_of
FROM official o
JOIN exit x ON x.entity_id = o.entity_id AND (o.joined_on IS NULL OR x.crossed_on >= o.joined_on)
WHERE NOT EXISTS (SELECT 1 FROM approval a
                  WHERE a.entity_id = o.entity_id AND x.crossed_on BETWEEN a.approved_from AND a.approved_to);
