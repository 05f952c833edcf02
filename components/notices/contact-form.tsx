"use client";

import { contactPreferenceAction } from "@/lib/notices/actions";
import { FormField, invalidProps } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

export interface ContactValues {
  email: string | null;
  webhookAddress: string | null;
  emailEnabled: boolean | null;
  webhookEnabled: boolean | null;
  quietStart: string | null;
  quietEnd: string | null;
  version: number;
}

export interface UnitDefaults {
  emailEnabled: boolean;
  webhookEnabled: boolean;
  quietStart: string | null;
  quietEnd: string | null;
}

const INPUT = "mt-1 block w-full max-w-md rounded border border-slate-300 bg-white px-2 py-1.5";
const choiceOf = (value: boolean | null) => (value === null ? "default" : value ? "on" : "off");
const onOff = (value: boolean) => (value ? "接收" : "不接收");

/** A person's own contact details, channels and quiet hours (通知设置). */
export function ContactPreferenceForm({ contact, unitDefaults }: { contact: ContactValues; unitDefaults: UnitDefaults }) {
  const { state, pending, formProps, messageProps } = useFormAction(contactPreferenceAction);
  const value = (name: keyof ContactValues, fallback: string) => state.values[name] ?? fallback;
  const unitQuiet = unitDefaults.quietStart && unitDefaults.quietEnd ? `${unitDefaults.quietStart}–${unitDefaults.quietEnd}` : "无";
  return (
    <form {...formProps} aria-label="通知设置" className="space-y-4" noValidate key={contact.version}>
      <input type="hidden" name="version" value={contact.version} />
      <fieldset className="space-y-3">
        <legend className="font-semibold">邮件</legend>
        <FormField id="email" label="邮箱地址" state={state} name="email">
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={value("email", contact.email ?? "")}
            {...invalidProps(state, "email", "email")}
            className={INPUT}
          />
        </FormField>
        <FormField id="emailEnabled" label="接收邮件通知" state={state} name="emailEnabled">
          <select
            id="emailEnabled"
            name="emailEnabled"
            defaultValue={value("emailEnabled", choiceOf(contact.emailEnabled))}
            className={INPUT}
          >
            <option value="default">按单位默认（{onOff(unitDefaults.emailEnabled)}）</option>
            <option value="on">接收</option>
            <option value="off">不接收</option>
          </select>
        </FormField>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="font-semibold">消息推送（赣政通等）</legend>
        <FormField id="webhookAddress" label="消息推送账号（赣政通账号或手机号）" state={state} name="webhookAddress">
          <input
            id="webhookAddress"
            name="webhookAddress"
            defaultValue={value("webhookAddress", contact.webhookAddress ?? "")}
            {...invalidProps(state, "webhookAddress", "webhookAddress")}
            className={INPUT}
          />
        </FormField>
        <FormField id="webhookEnabled" label="接收消息推送" state={state} name="webhookEnabled">
          <select
            id="webhookEnabled"
            name="webhookEnabled"
            defaultValue={value("webhookEnabled", choiceOf(contact.webhookEnabled))}
            className={INPUT}
          >
            <option value="default">按单位默认（{onOff(unitDefaults.webhookEnabled)}）</option>
            <option value="on">接收</option>
            <option value="off">不接收</option>
          </select>
        </FormField>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="font-semibold">免打扰时段（北京时间）</legend>
        <p className="text-sm text-slate-600">
          免打扰时段内只发送紧急通知（如报告被退回），其余通知在时段结束后发送。都不填则按单位默认（{unitQuiet}
          ）；开始与结束相同表示不设免打扰。
        </p>
        <div className="flex flex-wrap gap-4">
          <FormField id="quietStart" label="开始" state={state} name="quietStart">
            <input
              id="quietStart"
              name="quietStart"
              type="time"
              defaultValue={value("quietStart", contact.quietStart ?? "")}
              {...invalidProps(state, "quietStart", "quietStart")}
              className={INPUT}
            />
          </FormField>
          <FormField id="quietEnd" label="结束" state={state} name="quietEnd">
            <input
              id="quietEnd"
              name="quietEnd"
              type="time"
              defaultValue={value("quietEnd", contact.quietEnd ?? "")}
              {...invalidProps(state, "quietEnd", "quietEnd")}
              className={INPUT}
            />
          </FormField>
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-1.5 text-white disabled:opacity-60">
        {pending ? "保存中…" : "保存"}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
