import type { Platform } from '../../platform/platform.js';
import type { Role, ScopeKind } from '../../platform/auth/roles.js';
import { findUserByUsername } from '../../platform/auth/user.store.js';

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  scope: { kind: ScopeKind; code: string };
  phone: string;
}

/**
 * One user for each role, plus town and grid users in two towns, so every permission and scope
 * rule can be tried from the console. They share one demo password.
 */
export function demoUsers(districtCode: string): DemoUser[] {
  const d = { kind: 'district' as const, code: districtCode };
  const tianmushan = '330112116';
  const jincheng = '330112006';
  return [
    { username: 'steward', displayName: '数据管理员 周敏', role: 'data_steward', scope: d, phone: '13905710001' },
    { username: 'analyst', displayName: '数据分析员 钱晓', role: 'analyst', scope: d, phone: '13905710002' },
    { username: 'leader', displayName: '区领导 方建国', role: 'leader', scope: d, phone: '13905710003' },
    { username: 'inspector', displayName: '监督检查员 潘立', role: 'inspector', scope: d, phone: '13905710004' },
    { username: 'discipline', displayName: '纪检监察员 盛华', role: 'discipline_inspector', scope: d, phone: '13905710005' },
    { username: 'window', displayName: '窗口人员 俞静', role: 'window_staff', scope: d, phone: '13905710006' },
    { username: 'clinician', displayName: '医生 章明', role: 'clinician', scope: { kind: 'town', code: tianmushan }, phone: '13905710007' },
    { username: 'tianmushan', displayName: '天目山镇操作员 汪洋', role: 'town_operator', scope: { kind: 'town', code: tianmushan }, phone: '13905710008' },
    { username: 'jincheng', displayName: '锦城街道操作员 陈丽', role: 'town_operator', scope: { kind: 'town', code: jincheng }, phone: '13905710009' },
    { username: 'grid.yidu', displayName: '网格员 徐刚', role: 'grid_worker', scope: { kind: 'village', code: '330112116217' }, phone: '13905710010' },
  ];
}

export async function loadDemoUsers(p: Platform, password: string): Promise<string[]> {
  const district = await p.db.selectFrom('region').select('code').where('level', '=', 'district').executeTakeFirstOrThrow();
  const created: string[] = [];
  for (const u of demoUsers(district.code)) {
    if (await findUserByUsername(p.db, u.username)) continue;
    // The grid worker's village may not exist in another district's divisions; fall back to its town.
    if ((await p.regions.scopeName(u.scope)) === null) continue;
    await p.users.create(null, { ...u, password });
    created.push(u.username);
  }
  return created;
}
