"use client";
// The badge of a preview environment beside the canvas's environment switcher: "preview", the
// pull request it is for, and when the schedule tears it down (the exact time on hover).

function untilText(expiresAt: Date, now: number): string {
  const hours = Math.round((expiresAt.getTime() - now) / 3_600_000);
  if (hours <= 0) return "expired: torn down at the next tick";
  if (hours < 48) return `expires in ${hours} hour${hours === 1 ? "" : "s"}`;
  return `expires in ${Math.round(hours / 24)} days`;
}

export function PreviewBadge({
  environment,
}: {
  environment: { preview: boolean; pullRequest: string | null; expiresAt: Date | null };
}) {
  if (!environment.preview) return null;
  const { pullRequest, expiresAt } = environment;
  return (
    <span
      data-testid="preview-badge"
      className="inline-flex items-center gap-1.5 rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-inset ring-violet-200"
      title={expiresAt ? `Torn down after ${expiresAt.toISOString()}` : undefined}
    >
      <span className="uppercase tracking-wide">preview</span>
      {pullRequest ? <span data-testid="preview-pull-request">{pullRequest}</span> : null}
      {expiresAt ? (
        <span data-testid="preview-expiry">· {untilText(expiresAt, Date.now())}</span>
      ) : null}
    </span>
  );
}
