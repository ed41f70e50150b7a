-- 公职人员审批了其配偶或同户家庭成员领取的补助。
WITH official AS (
  SELECT r.id, f.entity_id, r.data->>'id_number' AS id_number, r.data->>'name' AS name,
         r.data->>'unit_name' AS unit_name, r.data->>'town_code' AS town_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'zuzhi.officials' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zuzhi.officials') AND r.valid_to IS NULL
), payment AS (
  SELECT r.id, f.entity_id, r.data->>'approver_id_number' AS approver_id_number,
         r.data->>'recipient_id_number' AS recipient_id_number, r.data->>'recipient_name' AS recipient,
         r.data->>'subsidy_type' AS subsidy_type, r.data->>'paid_on' AS paid_on, r.data->>'amount' AS amount
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'minzheng.subsidy_payments' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'minzheng.subsidy_payments') AND r.valid_to IS NULL
)
SELECT o.entity_id AS subject, o.town_code AS place,
       o.name AS e_official, o.unit_name AS e_unit, x.recipient AS e_recipient, x.subsidy_type AS e_subsidy_type,
       x.paid_on AS e_paid_on, x.amount AS e_amount,
       x.recipient_id_number AS k_0, x.subsidy_type AS k_1, o.id AS o_row, x.id AS x_row, $1::date AS as_of
FROM official o
-- DISTINCT: one row per relative, and the view is probed per official instead of being expanded
CROSS JOIN LATERAL (SELECT DISTINCT k.b FROM supervision_kin k
                    WHERE k.a = o.entity_id AND k.relation IN ('spouse', 'household')) kin
JOIN payment x ON x.entity_id = kin.b AND x.approver_id_number = o.id_number;
