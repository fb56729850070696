import type { AppDeps } from '../context.ts'
import type { Staff } from '../accounts/sessions.ts'
import { listSites } from '../sites/sites.repository.ts'

/** The sites a staff member works on (every site for an admin), for the app's site picker. */
export async function accessibleSites(deps: AppDeps, staff: Staff): Promise<{ id: string; name: string }[]> {
  const rows = await listSites(deps.db)
  return rows
    .filter((r) => staff.role === 'admin' || staff.sites.includes(r.id))
    .map((r) => ({ id: r.id, name: r.name }))
}
