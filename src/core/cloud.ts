/**
 * Microsoft clouds the kit can connect to. An app is registered separately in each cloud and
 * tokens never cross clouds, so the tenant type decides every host the kit talks about.
 */
export const TENANT_TYPES = ['standard', 'gcc-high'] as const;

/** `standard`: Microsoft's commercial cloud (also GCC moderate). `gcc-high`: US government cloud. */
export type TenantType = (typeof TENANT_TYPES)[number];

export interface Cloud {
  readonly tenantType: TenantType;
  /** Host of the sign-in and admin-consent endpoints. */
  readonly loginHost: string;
  /** Host of Microsoft Graph in that cloud. */
  readonly graphHost: string;
}

export const CLOUDS: Readonly<Record<TenantType, Cloud>> = Object.freeze({
  standard: Object.freeze({
    tenantType: 'standard',
    loginHost: 'login.microsoftonline.com',
    graphHost: 'graph.microsoft.com',
  }),
  'gcc-high': Object.freeze({
    tenantType: 'gcc-high',
    loginHost: 'login.microsoftonline.us',
    graphHost: 'graph.microsoft.us',
  }),
});

export function isTenantType(value: unknown): value is TenantType {
  return typeof value === 'string' && (TENANT_TYPES as readonly string[]).includes(value);
}

export function cloudOf(tenantType: TenantType): Cloud {
  return CLOUDS[tenantType];
}
