-- 低保成员是存续/在业企业的股东、认缴出资 ≥ 10 万元（农民专业合作社 93 开头不计）。
WITH member AS (
  SELECT r.id, f.entity_id, r.data->>'name' AS name, r.data->>'monthly_amount' AS monthly_amount,
         r.data->>'village_code' AS village_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'minzheng.dibao_members' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'minzheng.dibao_members') AND r.valid_to IS NULL
), holding AS (
  SELECT r.id, f.entity_id, r.data->>'credit_code' AS credit_code, r.data->>'subscribed_wan' AS subscribed_wan,
         r.data->>'ratio' AS ratio
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'shichang.shareholders' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'shichang.shareholders') AND r.valid_to IS NULL
    AND (r.data->>'subscribed_wan')::numeric >= 10
    AND r.data->>'credit_code' NOT LIKE '93%'
), enterprise AS (
  SELECT r.id, r.data->>'credit_code' AS credit_code, r.data->>'name' AS name
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'shichang.enterprises') AND r.valid_to IS NULL
    AND r.data->>'status' IN ('存续', '在业')
)
SELECT d.entity_id AS subject, d.village_code AS place,
       d.name AS e_member, d.monthly_amount AS e_monthly_amount, e.name AS e_enterprise,
       s.credit_code AS e_credit_code, s.subscribed_wan AS e_subscribed_wan, s.ratio AS e_ratio,
       s.credit_code AS k_0, d.id AS d_row, s.id AS s_row, e.id AS e_row, $1::date AS as_of
FROM member d
JOIN holding s ON s.entity_id = d.entity_id
JOIN enterprise e ON e.credit_code = s.credit_code;
