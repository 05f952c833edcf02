import "server-only";
import { db } from "@/lib/core/db";
import { UserFacingError } from "@/lib/core/errors";
import { lastAudited, updateVersioned } from "@/lib/core/versioned-update";
import { recordAudit } from "@/lib/audit/audit";
import type { ContactPreferenceInput, UnitNoticeDefaultInput } from "./schemas";

/**
 * Where and when a person receives notices: their own contact details and choices (通知设置),
 * and the unit defaults the admin sets for what they leave open. Both versioned and audited.
 */

const contactFields = {
  email: true,
  webhookAddress: true,
  emailEnabled: true,
  webhookEnabled: true,
  quietStart: true,
  quietEnd: true,
} as const;

const defaultFields = { emailEnabled: true, webhookEnabled: true, quietStart: true, quietEnd: true } as const;

/** The person's settings (null before the first save) and the unit defaults that fill the gaps. */
export async function getContactPreference(userId: number) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      contact: { select: { ...contactFields, version: true } },
      unit: { select: { shortName: true, noticeDefault: { select: defaultFields } } },
    },
  });
  return { contact: user.contact, unitName: user.unit?.shortName ?? null, unitDefault: user.unit?.noticeDefault ?? null };
}

/** Saves the own settings as the version the person loaded (0: none saved yet). */
export async function saveContactPreference(input: ContactPreferenceInput, userId: number): Promise<void> {
  const data = {
    email: input.email,
    webhookAddress: input.webhookAddress,
    emailEnabled: input.emailEnabled,
    webhookEnabled: input.webhookEnabled,
    quietStart: input.quietStart,
    quietEnd: input.quietEnd,
  };
  await db.$transaction(async (tx) => {
    const before = await tx.contactPreference.findUnique({ where: { userId }, select: contactFields });
    await updateVersioned(
      tx,
      "contactPreference",
      { where: { userId }, version: input.version, create: { userId, ...data } },
      { ...data, updatedAt: new Date() },
      {
        lastChange: lastAudited("ContactPreference", String(userId)),
        message: ({ when }) => `保存未成功：您的通知设置已于 ${when} 在别处修改，请刷新后再试。`,
      },
    );
    await recordAudit(tx, {
      actorId: userId,
      action: "contact.update",
      entity: "ContactPreference",
      entityId: String(userId),
      before: before ?? null,
      after: data,
    });
  });
}

/** Every unit in the plan's order with its defaults (null: the built-in ones, e-mail on, webhook off, no quiet hours). */
export async function listUnitNoticeDefaults() {
  return db.unit.findMany({
    orderBy: { sortOrder: "asc" },
    select: { id: true, code: true, shortName: true, kind: true, noticeDefault: { select: { ...defaultFields, version: true } } },
  });
}

export async function saveUnitNoticeDefault(input: UnitNoticeDefaultInput, actorId: number): Promise<string> {
  const unit = await db.unit.findUnique({ where: { code: input.unitCode }, select: { id: true, shortName: true } });
  if (!unit) throw new UserFacingError("单位不存在", {}, "NOT_FOUND");
  const data = {
    emailEnabled: input.emailEnabled,
    webhookEnabled: input.webhookEnabled,
    quietStart: input.quietStart,
    quietEnd: input.quietEnd,
  };
  await db.$transaction(async (tx) => {
    const before = await tx.unitNoticeDefault.findUnique({ where: { unitId: unit.id }, select: defaultFields });
    await updateVersioned(
      tx,
      "unitNoticeDefault",
      { where: { unitId: unit.id }, version: input.version, create: { unitId: unit.id, ...data } },
      { ...data, updatedAt: new Date() },
      {
        lastChange: lastAudited("UnitNoticeDefault", String(unit.id)),
        message: ({ who, when }) => `保存未成功：${who} 已于 ${when} 修改了${unit.shortName}的通知默认设置，请刷新后再试。`,
      },
    );
    await recordAudit(tx, {
      actorId,
      action: "unitNoticeDefault.update",
      entity: "UnitNoticeDefault",
      entityId: String(unit.id),
      before: before ? { unit: unit.shortName, ...before } : null,
      after: { unit: unit.shortName, ...data },
    });
  });
  return unit.shortName;
}
