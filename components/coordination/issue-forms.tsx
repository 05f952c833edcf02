"use client";

import { closeIssueAction, replyIssueAction } from "@/lib/coordination/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";

interface Props {
  issueId: number;
  version: number;
}

/** One text field, sent with the issue's version: a reply or the closing note. */
function IssueTextForm({ issueId, version, kind }: Props & { kind: "reply" | "close" }) {
  const { state, pending, formProps, messageProps } = useFormAction(kind === "reply" ? replyIssueAction : closeIssueAction);
  const name = kind === "reply" ? "text" : "closingNote";
  const label = kind === "reply" ? "答复内容" : "办结说明";
  const id = `issue-${kind}`;
  const errors = state.fieldErrors[name];
  return (
    <form {...formProps} aria-label={kind === "reply" ? "答复" : "办结"} className="space-y-2" key={version}>
      <input type="hidden" name="issueId" value={issueId} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={state.values[name] ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className="block w-full rounded border border-slate-300 bg-white px-2 py-1.5"
      />
      <FieldError id={`${id}-error`} errors={errors} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {pending ? "提交中…" : kind === "reply" ? "提交答复" : "办结"}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}

export const ReplyIssueForm = (props: Props) => <IssueTextForm {...props} kind="reply" />;
export const CloseIssueForm = (props: Props) => <IssueTextForm {...props} kind="close" />;
