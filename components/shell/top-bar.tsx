import { IntentLink } from "@/components/ui/intent-link";
import { signOut } from "@/server/auth";
import type { Role } from "@/server/domain/roles";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { UserMenu } from "./user-menu";

const roleStyle: Record<Role, string> = {
  owner: "bg-purple-100 text-purple-800",
  ops: "bg-amber-100 text-amber-800",
  developer: "bg-emerald-100 text-emerald-800",
  viewer: "bg-slate-200 text-slate-700",
};

export function TopBar({
  orgSlug,
  orgName,
  email,
  name,
  role,
}: {
  orgSlug: string;
  orgName: string;
  email: string;
  name: string;
  role: Role;
}) {
  async function doSignOut() {
    "use server";
    await signOut({ redirectTo: "/signin" });
  }
  return (
    <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4">
      <nav aria-label="Main" className="flex items-center gap-3">
        <IntentLink href={`/o/${orgSlug}`} className="flex items-center gap-2 font-semibold">
          <span className="flex h-7 w-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white">
            P
          </span>
          Patchbay
        </IntentLink>
        <span className="text-slate-300">/</span>
        <IntentLink
          href={`/o/${orgSlug}`}
          className="text-sm font-medium text-slate-700 hover:text-slate-900"
        >
          {orgName}
        </IntentLink>
        <IntentLink
          href={`/o/${orgSlug}/catalog`}
          className="ml-3 text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          Catalog
        </IntentLink>
        <IntentLink
          href={`/o/${orgSlug}/presets`}
          className="ml-3 text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          Presets
        </IntentLink>
        <IntentLink
          href={`/o/${orgSlug}/imported`}
          className="ml-3 whitespace-nowrap text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          Imported
        </IntentLink>
        <IntentLink
          href={`/o/${orgSlug}/audit`}
          className="ml-3 whitespace-nowrap text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          Audit log
        </IntentLink>
        <IntentLink
          href={`/o/${orgSlug}/settings`}
          className="ml-3 text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          Settings
        </IntentLink>
      </nav>
      <div className="flex items-center gap-3 text-sm">
        <span data-testid="whoami" title={name}>
          {email}
        </span>
        <span
          data-testid="role"
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${roleStyle[role]}`}
        >
          {role}
        </span>
        <ThemeToggle />
        <UserMenu />
        <form action={doSignOut}>
          <button
            type="submit"
            className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
