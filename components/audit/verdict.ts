// How a verify result reads: whether the chain holds, which part of it is keyed, and what a
// checkpoint showed. Pure, so the wording is tested without a browser.
import { plural } from "@/components/ui/plural";

export interface VerifyVerdict {
  ok: boolean;
  checked: number;
  headSeq: number;
  keyedFrom: number | null;
  firstBad?: { seq: number; reason: string };
  checkpoint?: { ok: boolean; reason: string };
}

/** Which events carry keyed hashes: all, none, or a plain start written before keyed hashing. */
function keyedPart(v: Pick<VerifyVerdict, "checked" | "keyedFrom">): string {
  if (v.checked === 0) return "";
  if (v.keyedFrom === 1) return "all keyed";
  if (v.keyedFrom === null) return "none keyed: plain SHA-256, written before keyed hashing";
  const plainTo = v.keyedFrom - 1;
  return `#1–#${plainTo} plain SHA-256 (written before keyed hashing), #${v.keyedFrom}–#${v.checked} keyed`;
}

export function describeVerdict(v: VerifyVerdict): string {
  const chain = v.firstBad
    ? `Chain broken at event #${v.firstBad.seq}: ${v.firstBad.reason}`
    : `Chain intact — ${plural(v.checked, "event")} verified${v.checked ? ` (${keyedPart(v)})` : ""}`;
  if (!v.checkpoint) return chain;
  return v.checkpoint.ok
    ? `Checkpoint holds: ${v.checkpoint.reason}. ${chain}`
    : `Checkpoint check failed: ${v.checkpoint.reason}. ${chain}`;
}
