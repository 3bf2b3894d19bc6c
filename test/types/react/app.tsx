// Type test (scripts/check-types.mjs): every tag of the kit in React 19 TSX, with its attributes,
// properties and events typed from the generated `azure-compliance-connect/jsx`. Each
// `@ts-expect-error` marks a mistake that must stay a compile error: if one stops being an error,
// the directive itself fails the compile.
import { useRef, useState } from 'react';
import type {
  AzureDeviceCompliance,
  Connection,
  ConnectionAdapter,
  ConnectionHealth,
  FieldErrors,
  HealthCheckResult,
  KitError,
  StringOverrides,
  TenantType,
  WizardState,
} from 'azure-compliance-connect';

declare const adapter: ConnectionAdapter;
declare const connection: Connection;
declare const health: ConnectionHealth;
declare const checkResult: HealthCheckResult;
declare const kitError: KitError;
declare const fieldErrors: FieldErrors;
const strings: StringOverrides = {};

export function Console() {
  const ref = useRef<AzureDeviceCompliance>(null);
  const [, setConnection] = useState<Connection | null>(null);
  const [, setState] = useState<WizardState>();
  const [, setTenantType] = useState<TenantType>('standard');
  return (
    <main>
      <azure-device-compliance
        ref={ref}
        lang="fr"
        client-id="00000000-0000-0000-0000-000000000000"
        redirect-uri="https://console.example.com/consent"
        actor="admin@example.com"
        storage-key="console-a"
        timeout-ms={10_000}
        adapter={adapter}
        strings={strings}
        onconnection-change={(event) => setConnection(event.detail.connection)}
        onwizard-state-change={(event) => setState(event.detail.state)}
        onaudit-event={(event) => console.log(event.detail.event.action)}
        onaudit-set-aside={(event) => console.warn(event.detail.reason, event.detail.count)}
        ondisconnect-request={(event) => event.detail.reconnect || event.preventDefault()}
        onhealth-check={(event) => event.preventDefault()}
        onClick={(event) => console.log(event.clientX)}
        aria-busy={false}
        className="compliance"
        style={{ '--acc-space': '0.5rem', maxWidth: '48rem' }}
      />
      <tenant-type-picker
        value="gcc-high"
        name="tenantType"
        disabled={false}
        hide-add
        strings={strings}
        onchange={(event: Event) => console.log(event.type)}
        ontenant-type-change={(event) => setTenantType(event.detail.tenantType)}
        ontenant-type-add={(event) => setTenantType(event.detail.tenantType)}
      />
      <azure-connect-form
        tenant-type="standard"
        tenant-id="contoso.onmicrosoft.com"
        enrollment-url="https://enroll.example.com"
        remediation-url="https://fix.example.com"
        mode="edit"
        busy={false}
        hide-cancel
        errors={fieldErrors}
        error={kitError}
        strings={strings}
        onconnect-form-input={(event) => console.log(event.detail.field, event.detail.value)}
        ontenant-type-change={(event) => setTenantType(event.detail.tenantType)}
        onconnect-form-submit={(event) => console.log(event.detail.input.tenantId)}
        onconnect-form-cancel={(event) => console.log(event.detail)}
      />
      <consent-dialog
        open
        consent-url="https://login.microsoftonline.com/common/adminconsent"
        tenant-type="gcc-high"
        tenant-id="contoso.onmicrosoft.us"
        consent-given={false}
        busy={false}
        error={kitError}
        strings={strings}
        onconsent-change={(event) => console.log(event.detail.given)}
        onconsent-confirm={() => undefined}
        onconsent-cancel={() => undefined}
        onconsent-link-copy={(event) => console.log(event.detail.url, event.detail.copied)}
      />
      <connection-actions
        busy={false}
        hide-reconnect
        connection={connection}
        error={kitError}
        strings={strings}
        onconnection-edit={() => undefined}
        ondisconnect-request={(event) => console.log(event.detail.reconnect)}
        ondisconnect-confirm={(event) => console.log(event.detail.reconnect)}
      />
      <azure-connection-health
        status="ready"
        checking={false}
        health={health}
        error={kitError}
        checkResult={checkResult}
        now={new Date()}
        strings={strings}
        onhealth-check={(event) => event.preventDefault()}
        onreconnect-request={() => undefined}
        onkit-retry={() => undefined}
      />
    </main>
  );
}

export function Mistakes() {
  // One mistake per element, each on one line: TypeScript reports a wrong hyphenated attribute at
  // the tag, and a wrong plain one at the attribute.
  return (
    <>
      {/* @ts-expect-error -- misspelled property: `adapter` */}
      <azure-device-compliance adaptor={adapter} />
      {/* @ts-expect-error -- misspelled attribute: `mode` */}
      <azure-connect-form mdoe="edit" />
      {/* @ts-expect-error -- `mode` is 'add' or 'edit' */}
      <azure-connect-form mode="delete" />
      {/* @ts-expect-error -- `timeout-ms` is a number */}
      <azure-device-compliance timeout-ms="soon" />
      {/* @ts-expect-error -- `strings` takes overrides, not a language */}
      <tenant-type-picker strings="fr" />
      {/* @ts-expect-error -- wrong handler: the detail is `{ connection }`, not `{ tenantType }` */}
      <azure-device-compliance
        onconnection-change={(event: CustomEvent<{ tenantType: TenantType }>) => event}
      />
      {/* @ts-expect-error -- wrong handler: a CustomEvent, not a MouseEvent */}
      <consent-dialog onconsent-confirm={(event: MouseEvent) => event.clientX} />
      {/* @ts-expect-error -- wrong handler: `detail.given` is a boolean */}
      <consent-dialog onconsent-change={(event: CustomEvent<{ given: string }>) => event} />
    </>
  );
}
