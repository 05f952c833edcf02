"use client";

import { ErrorNotice, type ErrorBoundaryProps } from "@/components/ui/error-notice";

/** A failed page outside the signed-in layout (sign-in, password change), or that layout itself failing. */
export default function RootError(props: ErrorBoundaryProps) {
  return (
    <main className="px-4">
      <ErrorNotice {...props} />
    </main>
  );
}
