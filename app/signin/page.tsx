import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/server/domain/auth/callback-path";
import { env } from "@/server/env";
import { DEMO_PASSWORD, DEMO_USERS } from "@/server/seed";

export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  // Only same-origin paths: an open redirect after sign-in would be a phishing aid.
  const target = safeCallbackPath(callbackUrl);
  const demo = env().PATCHBAY_DEMO;
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <div className="mx-auto flex h-12 w-12 items-center justify-center rounded-xl bg-brand-600 text-2xl font-bold text-white">
            P
          </div>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">Sign in to Patchbay</h1>
          <p className="mt-1 text-sm text-slate-600">The visual infrastructure canvas</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <SignInForm callbackUrl={target} />
        </div>
        {demo ? (
          <section
            aria-label="Demo accounts"
            className="rounded-xl bg-brand-50 p-4 text-sm text-slate-700 ring-1 ring-brand-100"
          >
            <p className="font-medium">Demo organization “Acme”</p>
            <p className="mt-1">
              Password for every demo user:{" "}
              <code className="rounded bg-white px-1 py-0.5 font-mono">{DEMO_PASSWORD}</code>
            </p>
            <ul className="mt-2 space-y-0.5 font-mono text-xs">
              {DEMO_USERS.map((u) => (
                <li key={u.email}>
                  {u.email} <span className="text-slate-500">({u.role})</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}
