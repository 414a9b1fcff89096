// Encryption of secrets at rest: AES-256-GCM (authenticated, so a tampered row or a wrong
// key fails loudly instead of decrypting to garbage) with a fresh random 96-bit IV per value.
// The key comes from PATCHBAY_SECRET_KEY or, on a single machine, a key file generated once.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import path from "node:path";
import { EnvError, env } from "../env";
import { localSecret } from "../local-secrets";

export interface Sealed {
  ciphertext: string;
  iv: string;
  authTag: string;
}

const KEY_FILE = "secret-key";
const KEY_RULE = /^[A-Za-z0-9+/]{43}=$/;

export interface KeyConfig {
  PATCHBAY_SECRET_KEY?: string;
  PATCHBAY_DATA_DIR?: string;
  DATABASE_URL?: string;
  NODE_ENV?: string;
}

/**
 * The base64 key: PATCHBAY_SECRET_KEY, else the data directory's key file (created 0600 on
 * first use). A production deployment on PostgreSQL must set the variable: several app
 * processes share that database, and each machine generating its own key would leave every
 * other process unable to read what one wrote.
 */
export function resolveSecretKey(config: KeyConfig): string {
  if (config.PATCHBAY_SECRET_KEY) {
    if (!KEY_RULE.test(config.PATCHBAY_SECRET_KEY))
      throw new EnvError("PATCHBAY_SECRET_KEY: must be 32 bytes, base64-encoded");
    return config.PATCHBAY_SECRET_KEY;
  }
  if (config.NODE_ENV === "production" && config.DATABASE_URL) {
    throw new EnvError(
      "PATCHBAY_SECRET_KEY: must be set in production with a PostgreSQL DATABASE_URL (every process needs the same key); generate one with `openssl rand -base64 32`",
    );
  }
  // Not traced by the Next build: the data dir is a runtime location, not part of the app.
  return localSecret(
    path.resolve(/*turbopackIgnore: true*/ config.PATCHBAY_DATA_DIR ?? ".patchbay"),
    KEY_FILE,
  );
}

let cached: Buffer | undefined;

/** The process's key, resolved once from the environment. */
function processKey(): Buffer {
  cached ??= Buffer.from(resolveSecretKey(env()), "base64");
  return cached;
}

/**
 * A key for one purpose (`"audit-chain"`, `"fingerprint"` …), derived from the process key with
 * HKDF-SHA256: never stored, so whoever holds only the database cannot recompute what it keys.
 */
export function derivedKey(purpose: string, key: Buffer = processKey()): Buffer {
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), `patchbay:${purpose}`, 32));
}

export function seal(plaintext: string, key: Buffer = processKey()): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ciphertext: ciphertext.toString("base64"),
    iv: iv.toString("base64"),
    authTag: cipher.getAuthTag().toString("base64"),
  };
}

/** Throws when the value was tampered with or sealed under another key. */
export function open(sealed: Sealed, key: Buffer = processKey()): string {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"));
  decipher.setAuthTag(Buffer.from(sealed.authTag, "base64"));
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, "base64")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // Never include the ciphertext or key material in the message.
    throw new Error(
      "a secret could not be decrypted: it was altered, or PATCHBAY_SECRET_KEY is not the key it was stored with",
    );
  }
}

const COMPACT = /^v1\.([A-Za-z0-9+/=]+)\.([A-Za-z0-9+/=]+)\.([A-Za-z0-9+/=]*)$/;

/**
 * One-column form `v1.<iv>.<tag>.<ciphertext>` (for Artifact.sensitive); versioned so the format
 * can change.
 */
export function sealCompact(plaintext: string, key?: Buffer): string {
  const s = seal(plaintext, key);
  return `v1.${s.iv}.${s.authTag}.${s.ciphertext}`;
}

export function openCompact(compact: string, key?: Buffer): string {
  const m = COMPACT.exec(compact);
  if (!m) throw new Error("a secret could not be decrypted: unknown format");
  return open({ iv: m[1]!, authTag: m[2]!, ciphertext: m[3]! }, key);
}
