/** What a write that moved to a new address did ("已保存…"), read from that address's query. */
export function DoneNotice({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
      {children}
    </p>
  );
}
