/**
 * Which datasets mention persons, and which of their fields say who. A row can mention several
 * persons (`party` tells them apart). `trust` ranks sources for survivorship: the household
 * registry is the authority on names, ID numbers and addresses; a health record on little but phones.
 */
export interface PersonSource {
  dataset: string;
  role: string;
  party: string;
  trust: number;
  fields: {
    name: string;
    idNumber?: string;
    birthDate?: string;
    sex?: string;
    phone?: string;
    address?: string;
    villageCode?: string;
    householdNo?: string;
  };
  /** The sex a party has by the file's design (男方, 女方), where no field says it. */
  sex?: 'M' | 'F';
  /** Other fields kept with the record for the person file (relation, credit code, amount…). */
  context?: string[];
}

export const PERSON_SOURCES: readonly PersonSource[] = [
  {
    dataset: 'gongan.household_registry', role: 'resident', party: '', trust: 100,
    fields: { name: 'name', idNumber: 'id_number', birthDate: 'birth_date', sex: 'sex', phone: 'phone', address: 'address', villageCode: 'village_code', householdNo: 'household_no' },
    context: ['relation_to_head', 'marital_status', 'ethnicity'],
  },
  {
    dataset: 'weijian.health_records', role: 'patient', party: '', trust: 60,
    fields: { name: 'name', idNumber: 'id_number', birthDate: 'birth_date', sex: 'sex', phone: 'phone', address: 'address' },
    context: ['record_no', 'chronic_tags', 'doctor_name', 'created_date'],
  },
  {
    dataset: 'renshe.social_insurance', role: 'insured', party: '', trust: 50,
    fields: { name: 'name', idNumber: 'id_number', phone: 'phone' },
    context: ['employer_name', 'employer_credit_code', 'status'],
  },
  {
    dataset: 'minzheng.dibao_members', role: 'dibao_member', party: '', trust: 40,
    fields: { name: 'name', idNumber: 'id_number', villageCode: 'village_code' },
    context: ['relation_to_applicant', 'monthly_amount', 'approved_date', 'town'],
  },
  {
    dataset: 'shichang.enterprises', role: 'legal_rep', party: '', trust: 30,
    fields: { name: 'legal_rep_name', idNumber: 'legal_rep_id_number' },
    context: ['credit_code', 'name', 'registered_capital_wan', 'status'],
  },
  {
    dataset: 'shichang.shareholders', role: 'shareholder', party: '', trust: 30,
    fields: { name: 'holder_name', idNumber: 'holder_id_number' },
    context: ['credit_code', 'subscribed_wan', 'ratio'],
  },
  // The marriage library's sources: every row names two persons, one record each.
  ...(['husband', 'wife'] as const).map((party): PersonSource => ({
    dataset: 'minzheng.marriage_registrations', role: 'marriage_party', party, trust: 70, sex: party === 'husband' ? 'M' : 'F',
    fields: { name: `${party}_name`, idNumber: `${party}_id_number` },
    context: ['event_type', 'cert_no', 'registered_on', 'office', 'office_code', `${party}_prior_status`],
  })),
  ...(['plaintiff', 'defendant'] as const).map((party): PersonSource => ({
    dataset: 'fayuan.divorce_judgments', role: 'marriage_party', party, trust: 65,
    fields: { name: `${party}_name`, idNumber: `${party}_id_number` },
    context: ['case_no', 'married_on', 'outcome', 'decided_on', 'effective_on', 'court'],
  })),
  ...(['husband', 'wife'] as const).map((party): PersonSource => ({
    dataset: 'danganguan.marriage_archive', role: 'marriage_party', party, trust: 20, sex: party === 'husband' ? 'M' : 'F',
    fields: { name: `${party}_name`, idNumber: `${party}_id_number`, birthDate: `${party}_birth_date` },
    context: ['archive_no', 'category', 'registered_on', 'office', `${party}_prior_status`],
  })),
];

/** Sources register here so a module (or a bureau's own dataset) can add one without editing this file. */
export class PersonSourceRegistry {
  private readonly sources: PersonSource[] = [...PERSON_SOURCES];

  add(source: PersonSource): void {
    if (this.sources.some((s) => s.dataset === source.dataset && s.party === source.party)) throw new Error(`person source ${source.dataset}/${source.party} registered twice`);
    this.sources.push(source);
  }

  all(): readonly PersonSource[] {
    return this.sources;
  }

  trustOf(dataset: string, party: string): number {
    return this.sources.find((s) => s.dataset === dataset && s.party === party)?.trust ?? 0;
  }
}
