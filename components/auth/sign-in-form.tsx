"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { safeCallbackPath } from "@/server/domain/auth/callback-path";
import { parseThrottledCode, throttledMessage } from "@/server/domain/auth/throttle";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      const throttled = parseThrottledCode(result?.code);
      setError(
        throttled
          ? `${throttledMessage(throttled.scope, throttled.retryAfterSeconds)}.`
          : "Wrong email or password. Check both and try again.",
      );
      return;
    }
    // Checked again here: this is where the browser actually follows it.
    window.location.assign(safeCallbackPath(callbackUrl));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField label="Email" name="email" type="email" autoComplete="username" required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      {error ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {error}
        </div>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
