-- 同一人同月、同一补助类别由两个不同镇街发放（镇街代码小者为 p1）。
WITH payment AS (
  SELECT r.id, f.entity_id, r.data->>'recipient_name' AS recipient, r.data->>'subsidy_type' AS subsidy_type,
         (r.data->>'paid_on')::date AS paid_on, date_trunc('month', (r.data->>'paid_on')::date)::date AS month,
         r.data->>'town' AS town, r.data->>'town_code' AS town_code, r.data->>'amount' AS amount
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'minzheng.subsidy_payments' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'minzheng.subsidy_payments') AND r.valid_to IS NULL
)
SELECT p1.entity_id AS subject, p1.town_code AS place,
       p1.recipient AS e_recipient, p1.subsidy_type AS e_subsidy_type, p1.paid_on::text AS e_paid_on,
       p1.town AS e_town_a, p1.amount AS e_amount_a, p2.town AS e_town_b, p2.amount AS e_amount_b,
       p1.subsidy_type AS k_0, p1.town_code AS k_1, p2.town_code AS k_2, p1.id AS p1_row, p2.id AS p2_row, $1::date AS as_of
FROM payment p1
JOIN payment p2 ON p2.entity_id = p1.entity_id AND p2.subsidy_type = p1.subsidy_type
               AND p2.month = p1.month AND p2.town_code > p1.town_code;
