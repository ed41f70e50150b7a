-- 死者死亡 31 天以后仍有补助发放：每名死者一条，附死亡后的发放笔数、金额和行号。
WITH death AS (
  SELECT r.id, f.entity_id, r.data->>'id_number' AS id_number, r.data->>'name' AS name,
         (r.data->>'died_on')::date AS died_on, r.data->>'cancelled_on' AS cancelled_on, r.data->>'village_code' AS village_code
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'gongan.deaths' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'gongan.deaths') AND r.valid_to IS NULL
), payment AS (
  SELECT r.id, f.entity_id, (r.data->>'paid_on')::date AS paid_on, (r.data->>'amount')::numeric AS amount
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'minzheng.subsidy_payments' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'minzheng.subsidy_payments') AND r.valid_to IS NULL
)
SELECT d.entity_id AS subject, d.village_code AS place,
       d.name AS e_deceased, d.died_on::text AS e_died_on, d.cancelled_on AS e_cancelled_on,
       d.id_number AS k_0, d.id AS d_row,
       count(*) AS payments, sum(p.amount) AS paid_yuan, array_agg(p.id ORDER BY p.id) AS p_rows, $1::date AS as_of
FROM death d
JOIN payment p ON p.entity_id = d.entity_id AND p.paid_on > d.died_on + 31
GROUP BY d.id, d.entity_id, d.village_code, d.name, d.died_on, d.cancelled_on, d.id_number;
