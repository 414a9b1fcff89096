// A signed-in person's tRPC calls over HTTP, as the browser makes them: a session cookie from
// the credentials sign-in (as e2e/concurrency.spec.ts signs in), and the app's httpBatchLink
// wire format (app/providers.tsx: `?batch=1`, `{"0":{"json":input}}`, superjson without meta for
// plain JSON). Node's fetch keeps connections alive, as a browser does.

export interface HttpSession {
  url: string;
  cookie: string;
}

export type CallResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; status: number };

interface BatchItem {
  result?: { data: { json: unknown } };
  error?: { json: { message: string; data?: { code?: string } } };
}

/** The cookies `response` sets, merged into `jar`. */
function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** Signs `email` in with the credentials provider; throws when no session results. */
export async function signIn(url: string, email: string, password: string): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keepCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(jar),
      origin: new URL(url).origin,
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  keepCookies(jar, signedIn);
  await signedIn.arrayBuffer();
  const session = { url, cookie: cookieHeader(jar) };
  const check = await fetch(`${url}/api/auth/session`, { headers: { cookie: session.cookie } });
  const body = (await check.json()) as { user?: { email?: string } } | null;
  if (body?.user?.email !== email)
    throw new Error(`signing ${email} in failed (HTTP ${signedIn.status}): no session`);
  return session;
}

/** One query or mutation, as httpBatchLink sends a batch of one. */
export async function call<T>(
  session: HttpSession,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "query",
): Promise<CallResult<T>> {
  const batch = JSON.stringify({ 0: { json: input } });
  const target = `${session.url}/api/trpc/${path}?batch=1`;
  const headers = { cookie: session.cookie, origin: new URL(session.url).origin };
  const response =
    kind === "query"
      ? await fetch(`${target}&input=${encodeURIComponent(batch)}`, { headers })
      : await fetch(target, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: batch,
        });
  const text = await response.text();
  let item: BatchItem | undefined;
  try {
    item = (JSON.parse(text) as BatchItem[])[0];
  } catch {
    /* not tRPC's answer: reported below */
  }
  if (item?.result) return { ok: true, data: item.result.data.json as T };
  return {
    ok: false,
    code: item?.error?.json.data?.code ?? `HTTP_${response.status}`,
    message: item?.error?.json.message ?? text.slice(0, 200),
    status: response.status,
  };
}

/** `call`, throwing on anything but a result. */
export async function must<T>(
  session: HttpSession,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "query",
): Promise<T> {
  const r = await call<T>(session, path, input, kind);
  if (!r.ok) throw new Error(`${path}: ${r.code}: ${r.message}`);
  return r.data;
}
