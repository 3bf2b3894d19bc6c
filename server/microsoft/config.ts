import { readFileSync } from 'node:fs';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { TenantType } from '../../src/core/cloud.js';
import { isGuid } from '../../src/core/tenant.js';
import type { AppCredential, CloudApp, MicrosoftOptions } from './verifier.js';

/** A configuration mistake, said without ever repeating a secret. */
export class MicrosoftConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MicrosoftConfigError';
  }
}

const PREFIX: Readonly<Record<TenantType, string>> = {
  standard: 'MICROSOFT_STANDARD_',
  'gcc-high': 'MICROSOFT_GCC_HIGH_',
};

type Env = Readonly<Record<string, string | undefined>>;
type ReadFile = (path: string) => string;

function readNamed(readFile: ReadFile, variable: string, path: string): string {
  try {
    return readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new MicrosoftConfigError(`${variable}: the file cannot be read (${code}).`);
  }
}

function credentialOf(env: Env, prefix: string, readFile: ReadFile): AppCredential {
  const certFile = env[`${prefix}CERTIFICATE_FILE`];
  const keyFile = env[`${prefix}PRIVATE_KEY_FILE`];
  const secret = env[`${prefix}CLIENT_SECRET`];
  const secretFile = env[`${prefix}CLIENT_SECRET_FILE`];
  const given = [certFile, secret, secretFile].filter((value) => value).length;
  if (given !== 1) {
    throw new MicrosoftConfigError(
      `${prefix}CLIENT_ID is set: set exactly one of ${prefix}CERTIFICATE_FILE (recommended), ${prefix}CLIENT_SECRET or ${prefix}CLIENT_SECRET_FILE.`,
    );
  }
  if (certFile) {
    const certificatePem = readNamed(readFile, `${prefix}CERTIFICATE_FILE`, certFile);
    const privateKeyPem = keyFile
      ? readNamed(readFile, `${prefix}PRIVATE_KEY_FILE`, keyFile)
      : certificatePem;
    try {
      new X509Certificate(certificatePem);
    } catch {
      throw new MicrosoftConfigError(
        `${prefix}CERTIFICATE_FILE holds no PEM certificate (-----BEGIN CERTIFICATE-----).`,
      );
    }
    try {
      createPrivateKey(privateKeyPem);
    } catch {
      throw new MicrosoftConfigError(
        `${keyFile ? `${prefix}PRIVATE_KEY_FILE` : `${prefix}CERTIFICATE_FILE`} holds no readable PEM private key (set ${prefix}PRIVATE_KEY_FILE when the key is in its own file).`,
      );
    }
    return { certificatePem, privateKeyPem };
  }
  const value =
    secret || readNamed(readFile, `${prefix}CLIENT_SECRET_FILE`, secretFile ?? '').trim();
  if (value === '') throw new MicrosoftConfigError(`${prefix}CLIENT_SECRET_FILE is empty.`);
  return { secret: value };
}

/**
 * The Microsoft settings of `npm run server`, from the environment (see the README):
 * `MICROSOFT_STANDARD_CLIENT_ID` and `MICROSOFT_GCC_HIGH_CLIENT_ID` with, for each, a certificate
 * file (`..._CERTIFICATE_FILE`, optionally `..._PRIVATE_KEY_FILE`) or a secret
 * (`..._CLIENT_SECRET` or `..._CLIENT_SECRET_FILE`), `MICROSOFT_REQUIRED_ROLES` (comma-separated),
 * `MICROSOFT_PARTNER_NAME` and `MICROSOFT_TIMEOUT_MS`. `undefined` when no cloud is configured.
 * Errors name the variable, never its value.
 */
export function microsoftOptionsFromEnv(
  env: Env,
  readFile: ReadFile = (path) => readFileSync(path, 'utf8'),
): MicrosoftOptions | undefined {
  const apps: Partial<Record<TenantType, CloudApp>> = {};
  for (const [tenantType, prefix] of Object.entries(PREFIX) as [TenantType, string][]) {
    const clientId = env[`${prefix}CLIENT_ID`]?.trim();
    if (!clientId) continue;
    if (!isGuid(clientId.toLowerCase())) {
      throw new MicrosoftConfigError(`${prefix}CLIENT_ID must be the app's GUID (Application ID).`);
    }
    apps[tenantType] = { clientId, credential: credentialOf(env, prefix, readFile) };
  }
  if (Object.keys(apps).length === 0) return undefined;
  const requiredRoles = (env.MICROSOFT_REQUIRED_ROLES ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  if (requiredRoles.length === 0) {
    throw new MicrosoftConfigError(
      'MICROSOFT_REQUIRED_ROLES must list the application permissions the deployment needs, comma-separated (for example DeviceManagementServiceConfig.Read.All).',
    );
  }
  const timeout = env.MICROSOFT_TIMEOUT_MS;
  const timeoutMs = timeout ? Number(timeout) : undefined;
  if (
    timeoutMs !== undefined &&
    !(Number.isInteger(timeoutMs) && timeoutMs >= 100 && timeoutMs <= 120_000)
  ) {
    throw new MicrosoftConfigError(
      'MICROSOFT_TIMEOUT_MS must be a whole number from 100 to 120000.',
    );
  }
  const partnerName = env.MICROSOFT_PARTNER_NAME?.trim();
  return {
    apps,
    requiredRoles,
    ...(partnerName ? { partnerName } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}
