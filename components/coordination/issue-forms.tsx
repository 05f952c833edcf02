"use client";

import { closeIssueAction, replyIssueAction } from "@/lib/coordination/actions";
import { RecordTextForm } from "@/components/ui/record-text-form";

interface Props {
  issueId: number;
  version: number;
}

/** A reply, or the closing note, each one text field sent with the issue's version. */
export const ReplyIssueForm = ({ issueId, version }: Props) => (
  <RecordTextForm
    action={replyIssueAction}
    recordField="issueId"
    recordId={issueId}
    version={version}
    name="text"
    label="答复内容"
    id="issue-reply"
    rows={3}
    formLabel="答复"
    submitLabel="提交答复"
  />
);
export const CloseIssueForm = ({ issueId, version }: Props) => (
  <RecordTextForm
    action={closeIssueAction}
    recordField="issueId"
    recordId={issueId}
    version={version}
    name="closingNote"
    label="办结说明"
    id="issue-close"
    rows={3}
    formLabel="办结"
    submitLabel="办结"
  />
);
