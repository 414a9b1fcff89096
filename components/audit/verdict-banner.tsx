import { describeVerdict, type VerifyVerdict } from "./verdict";

export type Verdict = VerifyVerdict | { error: string };

/** The outcome of a verify, green when everything held; an empty live region until then. */
export function VerdictBanner({ verdict, label }: { verdict: Verdict | null; label?: string }) {
  if (!verdict) return <div role="status" aria-label={label} />;
  const bad = "error" in verdict || !verdict.ok;
  const text = "error" in verdict ? `Could not verify: ${verdict.error}` : describeVerdict(verdict);
  return (
    <div
      role="status"
      aria-label={label}
      className={`rounded-md px-3 py-2 text-sm ring-1 ${bad ? "bg-red-50 text-red-800 ring-red-200" : "bg-emerald-50 text-emerald-800 ring-emerald-200"}`}
    >
      {text}
    </div>
  );
}
