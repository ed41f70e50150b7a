-- 同一招标项目的两家投标单位联系电话或联系地址相同（同一联合体成员除外）；主体为信用代码较小的一家。
WITH bid AS (
  SELECT r.id, r.data->>'tender_no' AS tender_no, r.data->>'tender_name' AS tender_name,
         r.data->>'bidder_name' AS bidder_name, r.data->>'bidder_credit_code' AS credit_code,
         r.data->>'contact_phone' AS phone, r.masked->>'contact_phone' AS phone_masked,
         r.data->>'contact_address' AS address, r.data->>'consortium_no' AS consortium_no
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'caizheng.bids') AND r.valid_to IS NULL
)
SELECT b1.credit_code AS subject, NULL::text AS place,
       b1.tender_no AS e_tender_no, b1.tender_name AS e_tender_name, b1.bidder_name AS e_bidder_a, b2.bidder_name AS e_bidder_b,
       b1.phone_masked AS e_phone_a, b2.phone_masked AS e_phone_b, b1.address AS e_address_a, b2.address AS e_address_b,
       b1.tender_no AS k_0, b2.credit_code AS k_1, b1.id AS b1_row, b2.id AS b2_row, $1::date AS as_of
FROM bid b1
JOIN bid b2 ON b2.tender_no = b1.tender_no AND b2.credit_code > b1.credit_code
WHERE (b2.phone = b1.phone OR b2.address = b1.address)
  AND (b2.consortium_no = b1.consortium_no) IS NOT TRUE;
