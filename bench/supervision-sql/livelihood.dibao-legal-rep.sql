-- 低保成员本人任存续/在业企业法定代表人、注册资本 ≥ 20 万元（农民专业合作社 93 开头不计）。
WITH member AS (
  SELECT r.id, f.entity_id, r.data->>'name' AS name, r.data->>'monthly_amount' AS monthly_amount,
         r.data->>'approved_date' AS approved_date, r.data->>'village_code' AS village_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'minzheng.dibao_members' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'minzheng.dibao_members') AND r.valid_to IS NULL
), enterprise AS (
  SELECT r.id, f.entity_id, r.data->>'name' AS name, r.data->>'credit_code' AS credit_code,
         r.data->>'registered_capital_wan' AS capital_wan, r.data->>'status' AS status
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'shichang.enterprises' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'shichang.enterprises') AND r.valid_to IS NULL
    AND r.data->>'status' IN ('存续', '在业')
    AND (r.data->>'registered_capital_wan')::numeric >= 20
    AND r.data->>'credit_code' NOT LIKE '93%'
)
SELECT d.entity_id AS subject, d.village_code AS place,
       d.name AS e_member, d.monthly_amount AS e_monthly_amount, d.approved_date AS e_approved_date,
       e.name AS e_enterprise, e.credit_code AS e_credit_code, e.capital_wan AS e_capital_wan, e.status AS e_status,
       e.credit_code AS k_0, d.id AS d_row, e.id AS e_row, $1::date AS as_of
FROM member d
JOIN enterprise e ON e.entity_id = d.entity_id;
