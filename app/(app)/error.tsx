"use client";

import { ErrorNotice, type ErrorBoundaryProps } from "@/components/ui/error-notice";

/** A failed page or server action under the signed-in layout: the header and navigation stay. */
export default function SignedInError(props: ErrorBoundaryProps) {
  return <ErrorNotice {...props} />;
}
