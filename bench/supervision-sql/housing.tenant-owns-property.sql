-- 在租公租房的承租人或其配偶名下有现势住宅（继承取得未满 180 天的不计）。
WITH lease AS (
  SELECT r.id, r.data->>'lease_no' AS lease_no, r.data->>'tenant_name' AS tenant_name,
         r.data->>'start_date' AS start_date, r.data->>'village_code' AS village_code
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zhujian.rental_leases') AND r.valid_to IS NULL
    AND r.data->>'status' = '在租'
), home AS (
  SELECT r.id, f.entity_id, r.data->>'owner_name' AS owner_name, r.data->>'cert_no' AS cert_no, r.data->>'address' AS address,
         r.data->>'floor_area' AS floor_area, r.data->>'acquired_by' AS acquired_by, (r.data->>'registered_on')::date AS registered_on
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'guotu.real_estate' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'guotu.real_estate') AND r.valid_to IS NULL
    AND r.data->>'status' = '现势' AND r.data->>'usage' = '住宅'
)
SELECT t.entity_id AS subject, l.village_code AS place,
       l.lease_no AS e_lease_no, l.tenant_name AS e_tenant, l.start_date AS e_lease_start, h.owner_name AS e_owner,
       h.cert_no AS e_cert_no, h.address AS e_address, h.floor_area AS e_floor_area, h.acquired_by AS e_acquired_by,
       h.registered_on::text AS e_registered_on, l.lease_no AS k_0, h.cert_no AS k_1, l.id AS l_row, h.id AS r_row
FROM lease l
JOIN identity_record t ON t.dataset = 'zhujian.rental_leases' AND t.row_id = l.id AND t.party = 'tenant' AND t.active
JOIN identity_record p ON p.dataset = 'zhujian.rental_leases' AND p.row_id = l.id AND p.party IN ('tenant', 'spouse') AND p.active
JOIN home h ON h.entity_id = p.entity_id
WHERE (h.acquired_by = '继承' AND h.registered_on > $1::date - 180) IS NOT TRUE;
