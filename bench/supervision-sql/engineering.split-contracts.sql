-- 同一单位与同一承包单位自某份合同起 90 天内签订 ≥2 份未公开招标、单份 <400 万元、合计 ≥400 万元的工程合同。
WITH works AS (
  SELECT r.id, r.data->>'unit_code' AS unit_code, r.data->>'unit_name' AS unit_name,
         r.data->>'contractor_credit_code' AS contractor_credit_code, r.data->>'contractor_name' AS contractor_name,
         (r.data->>'signed_on')::date AS signed_on, (r.data->>'amount')::numeric AS amount
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'caizheng.contracts') AND r.valid_to IS NULL
    AND r.data->>'category' = '工程' AND r.data->>'method' <> '公开招标' AND (r.data->>'amount')::numeric < 4000000 AND r.data->>'signed_on' IS NOT NULL
), windowed AS (
  SELECT w.*, count(*) OVER win AS contracts, sum(amount) OVER win AS total, array_agg(id) OVER win AS c2_rows
  FROM works w
  WINDOW win AS (PARTITION BY unit_code, contractor_credit_code ORDER BY signed_on
                 RANGE BETWEEN CURRENT ROW AND INTERVAL '90 days' FOLLOWING)
)
SELECT contractor_credit_code AS subject, NULL::text AS place,
       unit_name AS e_unit, contractor_name AS e_contractor, signed_on::text AS e_first_signed,
       unit_code AS k_0, contractor_credit_code AS k_1, id AS c1_row, contracts, total, c2_rows, $1::date AS as_of
FROM windowed
WHERE contracts >= 2 AND total >= 4000000;
