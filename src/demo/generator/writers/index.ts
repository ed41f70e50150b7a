/**
 * Every department file the demo district hands over, in the order they are written. Adding a
 * department is one new writer file and one line here.
 */
import type { DepartmentFileWriter } from '../types.js';
import { bids } from './bids.js';
import { borderCrossings } from './border-crossings.js';
import { contracts } from './contracts.js';
import { deaths } from './deaths.js';
import { dibaoMembers } from './dibao-members.js';
import { documentCustody } from './document-custody.js';
import { exitApprovals } from './exit-approvals.js';
import { divorceJudgments } from './divorce-judgments.js';
import { enterpriseRegister } from './enterprises.js';
import { healthRecords } from './health-records.js';
import { householdRegistry } from './household-registry.js';
import { marriageArchive } from './marriage-archive.js';
import { marriageRegistrations } from './marriage-registrations.js';
import { officials } from './officials.js';
import { realEstate } from './real-estate.js';
import { rentalLeases } from './rental-leases.js';
import { shareholders } from './shareholders.js';
import { socialInsurance } from './social-insurance.js';
import { subsidyPayments } from './subsidy-payments.js';
import { travelDocuments } from './travel-documents.js';
import { vehicles } from './vehicles.js';

export const DEPARTMENT_WRITERS: readonly DepartmentFileWriter[] = [
  householdRegistry,
  enterpriseRegister,
  shareholders,
  socialInsurance,
  dibaoMembers,
  healthRecords,
  marriageRegistrations,
  divorceJudgments,
  marriageArchive,
  // 护廉天目 (supervision): written from one set of facts (supervision/facts.ts), officials first.
  officials,
  deaths,
  realEstate,
  vehicles,
  rentalLeases,
  subsidyPayments,
  contracts,
  bids,
  travelDocuments,
  documentCustody,
  exitApprovals,
  borderCrossings,
];
