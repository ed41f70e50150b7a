/**
 * Builds the supervision facts once per population, in the order their dependencies need:
 * officials; leases (and the dead tenants still on them) before property and vehicles, which
 * renting households do without; payments; procurement; travel. Planted cases follow the natural
 * records of their kind. Memoised per population, so the twelve writers and the truth share one.
 */
import type { Population } from '../population.js';
import { SupervisionBase } from './base.js';
import { Border, buildBorder } from './border.js';
import { buildLeases, RentalEstates, renting } from './leases.js';
import { assignNumbers } from './numbering.js';
import { OfficialRoster } from './officials.js';
import { buildPayments, paydaysBefore, PaymentBook } from './payments.js';
import { plantBorder } from './plant-border.js';
import { EngineeringPlanter } from './plant-engineering.js';
import { plantDeceasedTenants, plantDibaoProperty, plantTenantHoldings } from './plant-housing.js';
import { plantPayments } from './plant-livelihood.js';
import { buildProcurement, Procurement } from './procurement.js';
import { buildProperties, PropertyMaker } from './property.js';
import type { SupervisionFacts } from './types.js';
import { buildVehicles, VehicleMaker } from './vehicles.js';

const cache = new WeakMap<Population, SupervisionFacts>();

/** The supervision facts of a population as of `generatedAt` (built on first use). */
export function supervisionFacts(pop: Population, generatedAt: Date): SupervisionFacts {
  let facts = cache.get(pop);
  if (!facts || facts.asOf !== Math.floor(generatedAt.getTime() / 86_400_000)) {
    facts = build(pop, generatedAt);
    cache.set(pop, facts);
  }
  return facts;
}

function build(pop: Population, generatedAt: Date): SupervisionFacts {
  const b = new SupervisionBase(pop, generatedAt);
  const roster = new OfficialRoster(b);

  const estates = new RentalEstates(b, b.rng('estates'));
  const leases = buildLeases(b, roster, estates, b.rng('leases'));
  plantDeceasedTenants(b, estates, leases, b.rng('plant:deceased-tenants'));
  const rent = renting(b, leases);
  const homes = new PropertyMaker(b);
  const properties = buildProperties(b, homes, rent, b.rng('property'));
  const cars = new VehicleMaker(b);
  const vehicles = buildVehicles(b, cars, rent, b.rng('vehicles'));
  plantTenantHoldings(b, leases, properties, vehicles, homes, cars, b.rng('plant:tenant-holdings'));
  plantDibaoProperty(b, properties, homes, rent, b.rng('plant:dibao-property'));

  const book = new PaymentBook(b, roster, paydaysBefore(b.asOf));
  buildPayments(b, book, b.rng('payments'));
  plantPayments(b, roster, book, b.rng('plant:payments'));

  const proc = new Procurement(b, roster);
  buildProcurement(b, proc, b.rng('procurement'));
  const engineering = new EngineeringPlanter(b, roster, proc, b.rng('plant:engineering'));
  engineering.sharedRepresentative();
  engineering.sharedContact();
  engineering.approverRelative();
  engineering.splitContracts();
  engineering.ownUnitContracts();

  // Last, so that officials appointed by planted procurement cases have documents like the others.
  const border = new Border(b);
  buildBorder(b, roster, border, b.rng('border'));
  plantBorder(b, roster, border, b.rng('plant:border'));

  // A handful of residents carry a death date after the as-of day (the household builder dates
  // the death of a young widow(er)'s partner no earlier than age 45); no file can know of those yet.
  const deaths: number[] = [];
  for (let i = 0; i < pop.people.count; i++) if (pop.people.death[i] !== 0 && pop.people.death[i] <= b.asOf) deaths.push(i);
  deaths.sort((x, y) => pop.people.death[x] - pop.people.death[y] || x - y);

  const facts: SupervisionFacts = {
    asOf: b.asOf,
    paydays: book.paydays,
    units: roster.units,
    officials: roster.officials,
    properties,
    vehicles,
    deaths,
    leases,
    payments: book.payments,
    tenders: proc.tenders,
    bids: proc.bids,
    contracts: proc.contracts,
    documents: border.documents,
    custody: border.custody,
    approvals: border.approvals,
    crossings: border.crossings,
    plants: b.plants,
  };
  assignNumbers(facts);
  return facts;
}
