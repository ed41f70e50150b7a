import type { PersonSource } from '../identity/records/person-sources.js';

/**
 * The persons the supervision datasets mention, registered with the identity module so that models
 * join them through person files. Approvers on contracts and payments are not sources: an approver
 * signs thousands of rows, and they are matched to the officials list by ID number instead.
 */
export const SUPERVISION_PERSON_SOURCES: readonly PersonSource[] = [
  { dataset: 'guotu.real_estate', role: 'property_owner', party: '', trust: 45, fields: { name: 'owner_name', idNumber: 'owner_id_number', address: 'address', villageCode: 'village_code' }, context: ['cert_no', 'usage', 'status'] },
  { dataset: 'gongan.vehicles', role: 'vehicle_owner', party: '', trust: 40, fields: { name: 'owner_name', idNumber: 'owner_id_number' }, context: ['plate_no', 'vehicle_type', 'status'] },
  { dataset: 'gongan.deaths', role: 'deceased', party: '', trust: 90, fields: { name: 'name', idNumber: 'id_number', villageCode: 'village_code' }, context: ['died_on'] },
  ...(['tenant', 'spouse'] as const).map((party): PersonSource => ({
    dataset: 'zhujian.rental_leases', role: party === 'tenant' ? 'rental_tenant' : 'rental_spouse', party, trust: 35,
    fields: { name: `${party}_name`, idNumber: `${party}_id_number` }, context: ['lease_no', 'status', 'start_date'],
  })),
  { dataset: 'minzheng.subsidy_payments', role: 'subsidy_recipient', party: '', trust: 35, fields: { name: 'recipient_name', idNumber: 'recipient_id_number' }, context: ['subsidy_type', 'town', 'paid_on'] },
  { dataset: 'zuzhi.officials', role: 'official', party: '', trust: 80, fields: { name: 'name', idNumber: 'id_number' }, context: ['unit_name', 'position', 'rank'] },
  { dataset: 'gongan.border_crossings', role: 'traveller', party: '', trust: 60, fields: { name: 'name', idNumber: 'id_number' }, context: ['direction', 'crossed_on', 'document_type'] },
  { dataset: 'zuzhi.exit_approvals', role: 'exit_applicant', party: '', trust: 60, fields: { name: 'name', idNumber: 'id_number' }, context: ['approved_from', 'approved_to'] },
  { dataset: 'gongan.travel_documents', role: 'document_holder', party: '', trust: 60, fields: { name: 'name', idNumber: 'id_number' }, context: ['document_no', 'document_type', 'status'] },
  { dataset: 'zuzhi.document_custody', role: 'document_custody', party: '', trust: 50, fields: { name: 'name', idNumber: 'id_number' }, context: ['document_no', 'status'] },
];

export const SOURCE_LABELS: Record<string, string> = {
  property_owner: '不动产权利人', vehicle_owner: '机动车所有人', deceased: '死亡人口', rental_tenant: '公租房承租人', rental_spouse: '公租房承租人配偶',
  subsidy_recipient: '救助对象', official: '公职人员', traveller: '出入境人员', exit_applicant: '因私出境审批', document_holder: '出入境证件持有人', document_custody: '证照保管',
};
