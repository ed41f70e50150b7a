-- 低保成员名下有现势的商业或办公用途不动产。
WITH member AS (
  SELECT r.id, f.entity_id, r.data->>'name' AS name, r.data->>'village_code' AS village_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'minzheng.dibao_members' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'minzheng.dibao_members') AND r.valid_to IS NULL
), property AS (
  SELECT r.id, f.entity_id, r.data->>'cert_no' AS cert_no, r.data->>'usage' AS usage,
         r.data->>'address' AS address, r.data->>'floor_area' AS floor_area
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'guotu.real_estate' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'guotu.real_estate') AND r.valid_to IS NULL
    AND r.data->>'status' = '现势' AND r.data->>'usage' IN ('商业', '办公')
)
SELECT d.entity_id AS subject, d.village_code AS place,
       d.name AS e_member, p.cert_no AS e_cert_no, p.usage AS e_usage, p.address AS e_address, p.floor_area AS e_floor_area,
       p.cert_no AS k_0, d.id AS d_row, p.id AS r_row, $1::date AS as_of
FROM member d
JOIN property p ON p.entity_id = d.entity_id;
