-- 同一招标项目的两家投标单位的法定代表人（按一人一档）为同一人（同一联合体成员除外）。
WITH bid AS (
  SELECT r.id, r.data->>'tender_no' AS tender_no, r.data->>'tender_name' AS tender_name,
         r.data->>'bidder_name' AS bidder_name, r.data->>'bidder_credit_code' AS credit_code,
         r.data->>'bid_amount' AS bid_amount, r.data->>'consortium_no' AS consortium_no
  FROM ingest_row r
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'caizheng.bids') AND r.valid_to IS NULL
), rep AS (
  SELECT r.id, f.entity_id, r.data->>'credit_code' AS credit_code, r.data->>'legal_rep_name' AS legal_rep_name
  FROM ingest_row r
  JOIN identity_record f ON f.dataset = 'shichang.enterprises' AND f.row_id = r.id AND f.party = '' AND f.active
  WHERE r.dataset_id = (SELECT id FROM dataset WHERE name = 'shichang.enterprises') AND r.valid_to IS NULL
)
SELECT e1.entity_id AS subject, NULL::text AS place,
       b1.tender_no AS e_tender_no, b1.tender_name AS e_tender_name, b1.bidder_name AS e_bidder_a, b2.bidder_name AS e_bidder_b,
       e1.legal_rep_name AS e_rep_a, e2.legal_rep_name AS e_rep_b, b1.bid_amount AS e_bid_a, b2.bid_amount AS e_bid_b,
       b1.tender_no AS k_0, b1.credit_code AS k_1, b2.credit_code AS k_2,
       b1.id AS b1_row, b2.id AS b2_row, e1.id AS e1_row, e2.id AS e2_row, $1::date AS as_of
FROM bid b1
JOIN bid b2 ON b2.tender_no = b1.tender_no AND b2.credit_code > b1.credit_code
JOIN rep e1 ON e1.credit_code = b1.credit_code
JOIN rep e2 ON e2.credit_code = b2.credit_code AND e2.entity_id = e1.entity_id
WHERE (b2.consortium_no = b1.consortium_no) IS NOT TRUE;
