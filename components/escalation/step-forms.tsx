"use client";

import { closeAction, respondAction } from "@/lib/escalation/actions";
import { RecordTextForm } from "@/components/ui/record-text-form";

interface Props {
  escalationId: number;
  version: number;
  /** The text already recorded (a response being updated). */
  current?: string | null;
}

/** The unit's 落实情况 and the reviewer's 办结结果, each one text field sent with the step's version. */
export const RespondForm = ({ escalationId, version, current }: Props) => (
  <RecordTextForm
    action={respondAction}
    recordField="escalationId"
    recordId={escalationId}
    version={version}
    current={current}
    name="response"
    label="落实情况"
    id="escalation-respond"
    rows={4}
    formLabel="填报落实情况"
    submitLabel="提交落实情况"
  />
);
export const CloseForm = ({ escalationId, version, current }: Props) => (
  <RecordTextForm
    action={closeAction}
    recordField="escalationId"
    recordId={escalationId}
    version={version}
    current={current}
    name="outcome"
    label="办结结果"
    id="escalation-close"
    rows={4}
    formLabel="办结"
    submitLabel="办结"
  />
);
