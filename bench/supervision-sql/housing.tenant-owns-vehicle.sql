-- 在租公租房的承租人或其配偶名下有正常状态、购置价 ≥ 15 万元的车辆（残疾人专用车不计）。
WITH lease AS (
  SELECT r.id, r.data->>'lease_no' AS lease_no, r.data->>'tenant_name' AS tenant_name, r.data->>'village_code' AS village_code
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'zhujian.rental_leases') AND r.valid_to IS NULL
    AND r.data->>'status' = '在租'
), vehicle AS (
  SELECT r.id, f.entity_id, r.data->>'owner_name' AS owner_name, r.data->>'plate_no' AS plate_no,
         r.data->>'vehicle_type' AS vehicle_type, r.data->>'brand' AS brand, r.data->>'purchase_price' AS purchase_price
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'gongan.vehicles' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'gongan.vehicles') AND r.valid_to IS NULL
    AND r.data->>'status' = '正常' AND (r.data->>'purchase_price')::numeric >= 150000
    AND r.data->>'vehicle_type' IS DISTINCT FROM '残疾人专用车'
)
SELECT t.entity_id AS subject, l.village_code AS place,
       l.lease_no AS e_lease_no, l.tenant_name AS e_tenant, v.owner_name AS e_owner, v.plate_no AS e_plate_no,
       v.vehicle_type AS e_vehicle_type, v.brand AS e_brand, v.purchase_price AS e_purchase_price,
       l.lease_no AS k_0, v.plate_no AS k_1, l.id AS l_row, v.id AS v_row, $1::date AS as_of
FROM lease l
JOIN identity_record t ON t.dataset = 'zhujian.rental_leases' AND t.row_id = l.id AND t.party = 'tenant' AND t.active
JOIN identity_record p ON p.dataset = 'zhujian.rental_leases' AND p.row_id = l.id AND p.party IN ('tenant', 'spouse') AND p.active
JOIN vehicle v ON v.entity_id = p.entity_id;
