-- 公职人员本人或配偶任法定代表人的企业，在其入职后（入职日期不详也算）与其所在单位签订合同。
WITH official AS (
  SELECT r.id, f.entity_id, r.data->>'name' AS name, r.data->>'unit_name' AS unit_name, r.data->>'unit_code' AS unit_code,
         (r.data->>'joined_on')::date AS joined_on, r.data->>'town_code' AS town_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'zuzhi.officials' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zuzhi.officials') AND r.valid_to IS NULL
), enterprise AS (
  SELECT r.id, f.entity_id, r.data->>'credit_code' AS credit_code, r.data->>'name' AS name, r.data->>'legal_rep_name' AS legal_rep_name
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'shichang.enterprises' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'shichang.enterprises') AND r.valid_to IS NULL
), contract AS (
  SELECT r.id, r.data->>'contract_no' AS contract_no, r.data->>'unit_code' AS unit_code,
         r.data->>'contractor_credit_code' AS contractor_credit_code, r.data->>'amount' AS amount, (r.data->>'signed_on')::date AS signed_on
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'caizheng.contracts') AND r.valid_to IS NULL
)
SELECT o.entity_id AS subject, o.town_code AS place,
       o.name AS e_official, o.unit_name AS e_unit, o.joined_on::text AS e_joined_on, e.name AS e_enterprise,
       e.legal_rep_name AS e_legal_rep, c.contract_no AS e_contract_no, c.amount AS e_amount, c.signed_on::text AS e_signed_on,
       c.contract_no AS k_0, o.id AS o_row, e.id AS e_row, c.id AS c_row, $1::date AS as_of
FROM official o
CROSS JOIN LATERAL (SELECT o.entity_id AS b
                    UNION SELECT k.b FROM supervision_kin k WHERE k.a = o.entity_id AND k.relation = 'spouse') fam
JOIN enterprise e ON e.entity_id = fam.b
JOIN contract c ON c.contractor_credit_code = e.credit_code AND c.unit_code = o.unit_code
               AND (o.joined_on IS NULL OR c.signed_on >= o.joined_on);
