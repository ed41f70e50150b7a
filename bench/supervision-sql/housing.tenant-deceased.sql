-- 在租公租房的承租人已死亡 90 天以上；合同登记的配偶健在（无死亡记录）的不计。
WITH lease AS (
  SELECT r.id, r.data->>'lease_no' AS lease_no, r.data->>'tenant_name' AS tenant_name, r.data->>'address' AS address,
         r.data->>'monthly_rent' AS monthly_rent, r.data->>'village_code' AS village_code,
         r.data->>'spouse_id_number' AS spouse_id_number
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zhujian.rental_leases') AND r.valid_to IS NULL
    AND r.data->>'status' = '在租'
), death AS NOT MATERIALIZED (  -- used twice: inline both uses so each goes through the indexes
  SELECT r.id, f.entity_id, (r.data->>'died_on')::date AS died_on
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'gongan.deaths' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'gongan.deaths') AND r.valid_to IS NULL
)
SELECT t.entity_id AS subject, l.village_code AS place,
       l.lease_no AS e_lease_no, l.tenant_name AS e_tenant, l.address AS e_address, d.died_on::text AS e_died_on,
       l.monthly_rent AS e_monthly_rent, l.lease_no AS k_0, l.id AS l_row, d.id AS d_row
FROM lease l
JOIN identity_record t ON t.dataset = 'zhujian.rental_leases' AND t.row_id = l.id AND t.party = 'tenant' AND t.active
JOIN death d ON d.entity_id = t.entity_id AND d.died_on < $1::date - 90
WHERE l.spouse_id_number IS NULL
   OR EXISTS (SELECT 1 FROM identity_record s JOIN death d2 ON d2.entity_id = s.entity_id
              WHERE s.dataset = 'zhujian.rental_leases' AND s.row_id = l.id AND s.party = 'spouse' AND s.active);
