/**
 * The supervision facts (护廉天目): officials, property, vehicles, leases, subsidy payments,
 * procurement and border records, as one in-memory model the twelve supervision department files
 * are written from and the truth is evaluated on. A person is a resident index, an enterprise an
 * index into the population's enterprises. Business keys (`no`) are assigned once every record
 * exists (numbering.ts), so planted records are numbered like the others.
 */
import type { Town } from '../regions.js';

/** The sixteen warning models of the supervision module, by id (the contract in docs/supervision-datasets.md). */
export const MODELS = [
  'housing.tenant-owns-property',
  'housing.tenant-owns-vehicle',
  'housing.tenant-deceased',
  'livelihood.dibao-legal-rep',
  'livelihood.dibao-shareholder',
  'livelihood.dibao-commercial-property',
  'livelihood.paid-after-death',
  'livelihood.paid-by-two-towns',
  'engineering.bidders-share-rep',
  'engineering.bidders-share-contact',
  'engineering.approver-relative',
  'engineering.split-contracts',
  'officials.enterprise-contracts-own-unit',
  'officials.relative-subsidy-approved',
  'border.exit-without-approval',
  'border.passport-not-in-custody',
] as const;
export type ModelId = (typeof MODELS)[number];

export const RANKS = ['科员', '副科', '正科', '副处', '正处'] as const;
export type Rank = (typeof RANKS)[number];

export interface Unit {
  index: number;
  /** 杭州市临安区民政局, 杭州市临安区天目山镇人民政府 */
  name: string;
  /** 18-character credit code of a 机关 (prefix 11). */
  code: string;
  /** The town a town government stands for; null for district departments. */
  town: Town | null;
  /** Lets building contracts (工程). */
  builds: boolean;
}

export interface Official {
  person: number;
  unit: number;
  position: string;
  rank: Rank;
  joined: number;
  /** A town's 民政 official, who approves subsidies. */
  minzheng: boolean;
  /** Placed by a planted case or look-alike; kept out of the natural approver pools. */
  planted: boolean;
}

export const USAGES = ['住宅', '商业', '办公', '工业', '车位'] as const;
export type Usage = (typeof USAGES)[number];
export const ACQUIRED = ['购买', '继承', '赠与', '自建', '拆迁安置'] as const;
export type Acquired = (typeof ACQUIRED)[number];

export interface Property {
  no: string;
  owner: number;
  address: string;
  village: number;
  usage: Usage;
  area: number;
  acquired: Acquired;
  registered: number;
  /** 现势; false = 注销 */
  current: boolean;
}

export const VEHICLE_TYPES = ['小型轿车', '小型越野客车', '轻型货车', '摩托车', '三轮汽车', '残疾人专用车'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];
export type VehicleStatus = '正常' | '注销' | '报废';

export interface Vehicle {
  no: string;
  owner: number;
  type: VehicleType;
  brand: string;
  price: number;
  registered: number;
  status: VehicleStatus;
}

export interface Lease {
  no: string;
  tenant: number;
  /** The spouse named on the lease, -1 for none. */
  spouse: number;
  address: string;
  village: number;
  start: number;
  end: number;
  /** 在租; false = 退租 */
  active: boolean;
  rent: number;
}

export const SUBSIDY_TYPES = ['低保金', '特困供养金', '高龄津贴', '残疾人生活补贴'] as const;
export type SubsidyType = (typeof SUBSIDY_TYPES)[number];

export interface Payment {
  no: string;
  recipient: number;
  type: SubsidyType;
  town: Town;
  paid: number;
  amount: number;
  /** The approving official's person index. */
  approver: number;
}

export type Category = '工程' | '货物' | '服务';
export type Method = '公开招标' | '邀请招标' | '竞争性谈判' | '询价' | '直接发包';

export interface Tender {
  no: string;
  name: string;
  unit: number;
  category: Category;
  method: Method;
  date: number;
  budget: number;
}

export interface Bid {
  no: string;
  tender: Tender;
  bidder: number;
  phone: string;
  address: string;
  amount: number;
  /** '' unless a consortium bid; assigned with the numbers (consortium members share it). */
  consortium: string;
  /** Members of one consortium share this group number (> 0); numbering turns it into consortium_no. */
  group: number;
}

export interface Contract {
  no: string;
  unit: number;
  project: string;
  category: Category;
  method: Method;
  contractor: number;
  amount: number;
  signed: number;
  /** The approving official's person index. */
  approver: number;
  recused: boolean;
}

export const DOC_TYPES = ['普通护照', '往来港澳通行证', '往来台湾通行证'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export interface TravelDoc {
  no: string;
  holder: number;
  type: DocType;
  issued: number;
  expires: number;
  /** 有效; false = 作废 */
  valid: boolean;
}

export interface Custody {
  doc: TravelDoc;
  handedIn: number;
  /** 在保管; false = 已领取 */
  held: boolean;
}

export interface ExitApproval {
  no: string;
  person: number;
  destination: string;
  from: number;
  to: number;
}

export interface Crossing {
  no: string;
  person: number;
  docType: DocType | '公务护照';
  docNo: string;
  exit: boolean;
  date: number;
  port: string;
}

/** A planted case or look-alike, as the truth file reports it. */
export interface Plant {
  model: ModelId;
  /** A person index, or an enterprise index when `enterprise` is set. */
  subject: number;
  enterprise?: boolean;
  kind: 'case' | 'lookalike';
  /** The row that makes it; its business key (`no`) is read once numbers are assigned. */
  row: { no: string };
  note: string;
}

export interface SupervisionFacts {
  /** The day the models run on: generatedAt's date (UTC). */
  asOf: number;
  /** Paydays of the subsidy file, oldest first. */
  paydays: number[];
  units: Unit[];
  officials: Official[];
  properties: Property[];
  vehicles: Vehicle[];
  /** Everyone who died by the as-of day, by date of death. */
  deaths: number[];
  leases: Lease[];
  payments: Payment[];
  tenders: Tender[];
  bids: Bid[];
  contracts: Contract[];
  documents: TravelDoc[];
  custody: Custody[];
  approvals: ExitApproval[];
  crossings: Crossing[];
  plants: Plant[];
}
