"use client";
// The account menu beside "Sign out": "Sign out everywhere" ends every session of this user
// (me.signOutEverywhere — this browser's too), then clears this browser's cookie.
import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useTRPC } from "@/components/trpc";

export function UserMenu() {
  const trpc = useTRPC();
  const everywhere = useMutation(
    trpc.me.signOutEverywhere.mutationOptions({
      onSuccess: () => void signOut({ redirectTo: "/signin" }),
    }),
  );
  return (
    <details className="relative">
      <summary
        aria-label="Account menu"
        className="cursor-pointer list-none rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        ▾
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-64 rounded-md bg-white p-2 text-sm shadow-lg ring-1 ring-slate-200">
        <button
          type="button"
          disabled={everywhere.isPending}
          onClick={() => everywhere.mutate()}
          className="w-full rounded px-2 py-1.5 text-left text-slate-700 hover:bg-slate-100 disabled:opacity-60"
        >
          Sign out everywhere
        </button>
        <p className="px-2 pt-1 text-xs text-slate-500">
          Ends every session of your account, on every device, this one included.
        </p>
        {everywhere.error ? (
          <p role="alert" className="px-2 pt-1 text-xs text-red-700">
            {everywhere.error.message}
          </p>
        ) : null}
      </div>
    </details>
  );
}
