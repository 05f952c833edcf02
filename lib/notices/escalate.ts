import "server-only";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/audit";
import { ESCALATING_KINDS } from "./kinds";
import { getNoticeRules } from "./notice-settings";
import { causeOf, chinaDaysSince, escalationCutoff, escalationKey } from "./notice-rules";
import { notifyAll, reviewerAccounts, usersOfUnits, type NoticeInput } from "./notify";

/**
 * 无人处理时逐级提醒 (job `notices-escalate`): a notice that expects action (ESCALATING_KINDS) and is
 * not settled `escalateAfterDays` China days after it was written goes one level up, once per
 * level — from the desk officers to their unit's 单位负责人 (level 1), and from those, as many days
 * later, to 省生态环境厅's reviewers (level 2); a unit without a 单位负责人 account goes straight to
 * level 2. The notices of one cause to several people of a unit escalate as one. Escalations are
 * urgent notices carrying the original's subject (settling the original settles them) and a link
 * to it (escalatedFromId); each run that escalated anything leaves an audit row (actor: the system).
 */

export interface EscalationScope {
  /** Only notices to these people (tests; production sweeps all). */
  userIds?: readonly number[];
}

const LEVEL_NAMES: Record<number, string> = { 0: "经办人员", 1: "单位负责人" };

interface Group {
  level: number;
  cause: string;
  unitId: number | null;
  first: { id: number; kind: string; title: string; body: string; href: string | null; subject: string | null; createdAt: Date };
  escalated: boolean;
}

export async function runEscalations(today: string, scope: EscalationScope = {}): Promise<{ escalated: number; written: number }> {
  const rules = await getNoticeRules();
  const candidates = await db.notice.findMany({
    where: {
      settledAt: null,
      kind: { in: [...ESCALATING_KINDS] },
      escalationLevel: { in: [0, 1] },
      dedupeKey: { not: null },
      createdAt: { lt: escalationCutoff(today, rules.escalateAfterDays) },
      ...(scope.userIds ? { userId: { in: [...scope.userIds] } } : {}),
    },
    orderBy: { id: "asc" },
    take: 10_000,
    select: {
      id: true,
      kind: true,
      title: true,
      body: true,
      href: true,
      subject: true,
      createdAt: true,
      dedupeKey: true,
      escalationLevel: true,
      user: { select: { unitId: true } },
      _count: { select: { escalations: true } },
    },
  });
  const groups = new Map<string, Group>();
  for (const notice of candidates) {
    const cause = causeOf(notice.dedupeKey!);
    const unitId = notice.user.unitId;
    const key = `${notice.escalationLevel}|${cause}|${unitId ?? ""}`;
    const group = groups.get(key) ?? { level: notice.escalationLevel, cause, unitId, first: notice, escalated: false };
    group.escalated ||= notice._count.escalations > 0;
    groups.set(key, group);
  }
  const due = [...groups.values()].filter((group) => !group.escalated);
  if (due.length === 0) return { escalated: 0, written: 0 };
  return db.$transaction(
    async (tx) => {
      const leadUnits = due.flatMap((group) => (group.level === 0 && group.unitId !== null ? [group.unitId] : []));
      const [leads, reviewers] = await Promise.all([usersOfUnits(tx, leadUnits, ["UNIT_LEAD"]), reviewerAccounts(tx)]);
      const steps = due.map((group) => {
        const unitLeads = group.level === 0 && group.unitId !== null ? (leads.get(group.unitId) ?? []) : [];
        const level = unitLeads.length > 0 ? 1 : 2;
        const days = chinaDaysSince(group.first.createdAt, today);
        const input: NoticeInput = {
          kind: group.first.kind,
          title: `【督促】${group.first.title.replace(/^【督促】/, "")}`,
          body: `以下通知发给${LEVEL_NAMES[group.level] ?? "相关人员"}已 ${days} 天仍未处理，请督促办理。\n\n${group.first.body}`,
          href: group.first.href ?? undefined,
          urgent: true,
          dedupeKey: escalationKey(group.cause, level),
          subject: group.first.subject ?? undefined,
          escalatedFromId: group.first.id,
          escalationLevel: level,
        };
        return { group, level, userIds: level === 1 ? unitLeads : reviewers, input };
      });
      const written = await notifyAll(tx, steps);
      if (written.length > 0) {
        await recordAudit(tx, {
          actorId: null,
          action: "notice.escalate",
          entity: "Notice",
          entityId: null,
          after: {
            day: today,
            escalateAfterDays: rules.escalateAfterDays,
            steps: steps.map((step) => ({ from: step.group.first.id, level: step.level, cause: step.group.cause })),
            notices: written,
          },
        });
      }
      return { escalated: steps.length, written: written.length };
    },
    { timeout: 120_000 },
  );
}
