import Link from "next/link";

// Any address Patchbay does not know (or an organization the visitor is not a member of).
export default function NotFound() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="font-mono text-sm font-semibold text-brand-700">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">This page does not exist</h1>
      <p className="max-w-md text-sm text-slate-600">
        The address may be mistyped, or what it pointed to was renamed or deleted. You may also not
        be a member of the organization it belongs to.
      </p>
      <Link
        href="/"
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Back to your projects
      </Link>
    </main>
  );
}
