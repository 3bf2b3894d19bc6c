import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway self-signed certificate and its key, as an app registration would hold them. */
export interface TestCertificate {
  readonly commonName: string;
  /** PKCS#8 PEM (`BEGIN PRIVATE KEY`), what msal-node's `clientCertificate.privateKey` takes. */
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  /** SHA-256 of the DER certificate, upper-case hex without colons (msal's `thumbprintSha256`). */
  readonly thumbprintSha256: string;
  /** SHA-1 of the DER certificate, upper-case hex without colons (msal's legacy `thumbprint`). */
  readonly thumbprintSha1: string;
}

const made = new Map<string, TestCertificate>();

/**
 * A self-signed RSA 2048 certificate valid for two days, generated with the `openssl` command
 * line in a fresh temporary directory that is removed afterwards. One per process per name:
 * the same name returns the same certificate, another name a different one.
 */
export function makeCertificate(commonName = 'fake-microsoft-test'): TestCertificate {
  const cached = made.get(commonName);
  if (cached) return cached;
  // The name goes into `-subj /CN=...`, where `/`, `=` and `\` have a meaning.
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(commonName)) {
    throw new Error(`makeCertificate: unsupported common name ${JSON.stringify(commonName)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'fake-microsoft-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        `/CN=${commonName}`,
        '-days',
        '2',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const privateKeyPem = readFileSync(keyPath, 'utf8');
    const certificatePem = readFileSync(certPath, 'utf8');
    const x509 = new X509Certificate(certificatePem);
    const certificate: TestCertificate = {
      commonName,
      privateKeyPem,
      certificatePem,
      thumbprintSha256: x509.fingerprint256.replaceAll(':', ''),
      thumbprintSha1: x509.fingerprint.replaceAll(':', ''),
    };
    made.set(commonName, certificate);
    return certificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
