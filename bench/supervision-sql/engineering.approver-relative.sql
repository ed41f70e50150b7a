-- 合同审批人（公职人员）的配偶或同户家庭成员任中标单位法定代表人，且审批人未回避。
WITH contract AS (
  SELECT r.id, r.data->>'contract_no' AS contract_no, r.data->>'project_name' AS project_name,
         r.data->>'contractor_name' AS contractor_name, r.data->>'contractor_credit_code' AS contractor_credit_code,
         r.data->>'approver_id_number' AS approver_id_number, r.data->>'amount' AS amount
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'caizheng.contracts') AND r.valid_to IS NULL
    AND r.data->>'recused' IS DISTINCT FROM '是'
), official AS (
  SELECT r.id, f.entity_id, r.data->>'id_number' AS id_number, r.data->>'name' AS name, r.data->>'unit_name' AS unit_name,
         r.data->>'position' AS position, r.data->>'town_code' AS town_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'zuzhi.officials' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zuzhi.officials') AND r.valid_to IS NULL
), enterprise AS (
  SELECT r.id, f.entity_id, r.data->>'credit_code' AS credit_code, r.data->>'legal_rep_name' AS legal_rep_name
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'shichang.enterprises' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'shichang.enterprises') AND r.valid_to IS NULL
)
SELECT o.entity_id AS subject, o.town_code AS place,
       o.name AS e_official, o.unit_name AS e_unit, o.position AS e_position, c.contract_no AS e_contract_no,
       c.project_name AS e_project, c.contractor_name AS e_contractor, e.legal_rep_name AS e_legal_rep, c.amount AS e_amount,
       c.contract_no AS k_0, c.id AS c_row, o.id AS o_row, e.id AS r_row, $1::date AS as_of
FROM contract c
JOIN official o ON o.id_number = c.approver_id_number
JOIN enterprise e ON e.credit_code = c.contractor_credit_code
-- OFFSET 0 keeps the probe per pair (indexed) instead of expanding supervision_kin for everyone
WHERE EXISTS (SELECT 1 FROM supervision_kin k
              WHERE k.a = o.entity_id AND k.b = e.entity_id AND k.relation IN ('spouse', 'household') OFFSET 0);
