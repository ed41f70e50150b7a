import { ingestOf } from '../ingest/ingest.module.js';
import { registerPermissions } from '../platform/auth/roles.js';
import type { TianmuModule } from '../platform/module.js';
import type { Platform } from '../platform/platform.js';
import { EnterpriseFileService } from './files/enterprise-file.service.js';
import { FacetRegistry, sourceFacet } from './files/facets.js';
import { PersonFileService } from './files/person-file.service.js';
import { identityCli } from './identity.cli.js';
import { linkCli } from './link.cli.js';
import { identityRoutes } from './identity.routes.js';
import { MarriageService, type FoundConflicts } from './marriage/marriage.service.js';
import { identityMigrations } from './migrations/index.js';
import { PersonSourceRegistry } from './records/person-sources.js';
import { ExplainService } from './resolve/explain.service.js';
import { ResolveService } from './resolve/resolve.service.js';
import { ReviewService } from './resolve/review.service.js';

export interface IdentityServices {
  sources: PersonSourceRegistry;
  facets: FacetRegistry;
  resolve: ResolveService;
  files: PersonFileService;
  enterprises: EnterpriseFileService;
  reviews: ReviewService;
  explain: ExplainService;
  marriage: MarriageService;
  runs(): Promise<unknown[]>;
}

const services = new WeakMap<Platform, IdentityServices>();

/** The identity module's services; later modules add facets and person sources through these. */
export function identityOf(p: Platform): IdentityServices {
  const s = services.get(p);
  if (!s) throw new Error('identity module not initialised');
  return s;
}

/** How the lineage view says what the identity module reads each dataset for. */
const ROLE_LABEL: Record<string, string> = {
  resident: '户籍人口', patient: '健康档案', insured: '社保参保', dibao_member: '低保成员', legal_rep: '企业法定代表人', shareholder: '企业股东', marriage_party: '婚姻当事人',
};

registerPermissions({
  'person.read': ['admin', 'window_staff', 'analyst', 'leader', 'inspector', 'discipline_inspector', 'town_operator', 'grid_worker', 'clinician'],
  'identity.review': ['admin', 'data_steward'],
  'identity.run': ['admin', 'data_steward'],
});

/** 一人一档 · 一企一档: entity resolution, golden records, person and enterprise files, the marriage library. */
export const identityModule: TianmuModule = {
  name: 'identity',
  migrations: identityMigrations,
  init(p) {
    const sources = new PersonSourceRegistry();
    const facets = new FacetRegistry();
    facets.register(sourceFacet('dibao', 'identity.facet.dibao', 'dibao_member', ['monthly_amount', 'approved_date', 'relation_to_applicant', 'town']));
    facets.register(sourceFacet('health', 'identity.facet.health', 'patient', ['record_no', 'chronic_tags', 'doctor_name', 'created_date']));
    facets.register(sourceFacet('insurance', 'identity.facet.insurance', 'insured', ['employer_name', 'employer_credit_code', 'status']));
    const { views } = ingestOf(p);
    for (const s of sources.all()) if (s.party !== 'wife' && s.party !== 'defendant') views.registerConsumer(s.dataset, 'identity', `一人一档：${ROLE_LABEL[s.role] ?? s.role}`);
    const resolve = new ResolveService(p, sources);
    const files = new PersonFileService(p, facets);
    const marriage = new MarriageService(p, files);
    resolve.onResolved<FoundConflicts>('marriage', (run, touched, found) => marriage.detect(run, touched ?? undefined, found), (held) => marriage.findHeld(held));
    services.set(p, {
      sources,
      facets,
      resolve,
      files,
      marriage,
      enterprises: new EnterpriseFileService(p),
      reviews: new ReviewService(p, sources),
      explain: new ExplainService(p),
      runs: async () =>
        (await p.db.selectFrom('identity_run').select(['id', 'kind', 'mode', 'status', 'stats', 'started_at', 'finished_at', 'error']).orderBy('id', 'desc').limit(50).execute()).map((r) => ({ ...r, id: Number(r.id) })),
    });
  },
  routes(app, p) {
    identityRoutes(app, identityOf(p));
  },
  cli: (program, open) => (identityCli(program, open), linkCli(program, open)),
};
