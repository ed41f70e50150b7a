/**
 * Every department file the demo district hands over, in the order they are written. Adding a
 * department is one new writer file and one line here.
 */
import type { DepartmentFileWriter } from '../types.js';
import { dibaoMembers } from './dibao-members.js';
import { divorceJudgments } from './divorce-judgments.js';
import { enterpriseRegister } from './enterprises.js';
import { healthRecords } from './health-records.js';
import { householdRegistry } from './household-registry.js';
import { marriageArchive } from './marriage-archive.js';
import { marriageRegistrations } from './marriage-registrations.js';
import { shareholders } from './shareholders.js';
import { socialInsurance } from './social-insurance.js';

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
];
