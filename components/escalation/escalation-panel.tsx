import Link from "next/link";
import type { SessionUser } from "@/lib/auth/accounts";
import { listEscalations } from "@/lib/escalation/escalations";
import { canManageEscalation, escalationScope } from "@/lib/escalation/rules";
import { EscalationTable } from "./escalation-table";

const SHOWN = 10;

/**
 * The ladder's state on a task's or a unit's page: its steps the viewer may see (a unit's own for
 * its staff and 单位负责人), open ones first, with the way to the ledger and, for the reviewer, to
 * a new step. Nothing for a role that sees no steps.
 */
export async function EscalationPanel({ user, task, unit }: { user: SessionUser; task?: number; unit?: string }) {
  const scope = escalationScope(user);
  if (scope === "none") return null;
  // Staff and 单位负责人 see their own unit's steps only: another unit's page shows nothing rather than "none".
  const ownOnly = scope.unitId !== null;
  if (ownOnly && unit !== undefined && unit !== user.unitCode) return null;
  const filters = task !== undefined ? { task } : { unit };
  const steps = await listEscalations(user, filters, SHOWN + 1);
  const open = steps.filter((step) => step.open).length;
  const query = new URLSearchParams(task !== undefined ? { task: String(task) } : unit ? { unit } : {}).toString();
  return (
    <section aria-labelledby="escalation-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="escalation-heading" className="text-lg font-semibold">
          督办{ownOnly && task !== undefined ? "（本单位）" : ""}
          {open > 0 ? `（未办结 ${open} 项）` : ""}
        </h2>
        <p className="no-print flex gap-3 text-sm">
          {steps.length > 0 && (
            <Link href={`/escalations?${query}`} className="text-blue-800 hover:underline">
              督办台账 →
            </Link>
          )}
          {canManageEscalation(user) && (
            <Link href={`/escalations/new?${query}`} className="text-blue-800 hover:underline">
              发起督办
            </Link>
          )}
        </p>
      </div>
      <EscalationTable steps={steps.slice(0, SHOWN)} showUnit={unit === undefined} empty="暂无催办、函告、通报、约谈或挂牌督办。" />
    </section>
  );
}
