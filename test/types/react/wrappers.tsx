// Type test (scripts/check-types.mjs): the React components of `azure-compliance-connect/react`,
// for React 18 or for typed props and handlers. Properties take the element's own types, each
// `on…` handler receives the element's event with its `detail`, and `ref` is the element. Each
// `@ts-expect-error` marks a mistake that must stay a compile error: if one stops being an error,
// the directive itself fails the compile.
import { useRef, useState } from 'react';
import type {
  AzureDeviceCompliance as AzureDeviceComplianceElement,
  Connection,
  ConnectionAdapter,
  ConnectionHealth,
  ConsentDialog as ConsentDialogElement,
  FieldErrors,
  HealthCheckResult,
  KitError,
  StringOverrides,
  TenantType,
  WizardState,
} from 'azure-compliance-connect';
import {
  AzureConnectForm,
  AzureConnectionHealth,
  AzureDeviceCompliance,
  ConnectionActions,
  ConsentDialog,
  TenantTypePicker,
  type AzureDeviceComplianceProps,
} from 'azure-compliance-connect/react';

declare const adapter: ConnectionAdapter;
declare const connection: Connection;
declare const health: ConnectionHealth;
declare const checkResult: HealthCheckResult;
declare const kitError: KitError;
declare const fieldErrors: FieldErrors;
const strings: StringOverrides = {};

/** The props of a component, as a console would pass them on. */
const settings: AzureDeviceComplianceProps = { adapter, storageKey: 'console-b', timeoutMs: 5_000 };

export function WrappedConsole() {
  const ref = useRef<AzureDeviceComplianceElement>(null);
  const [, setConnection] = useState<Connection | null>(null);
  const [, setState] = useState<WizardState>();
  const [tenantType, setTenantType] = useState<TenantType>('standard');
  const [given, setGiven] = useState(false);
  return (
    <main>
      <AzureDeviceCompliance
        ref={ref}
        {...settings}
        lang="fr"
        clientId="00000000-0000-0000-0000-000000000000"
        redirectUri="https://console.example.com/consent"
        actor="admin@example.com"
        strings={strings}
        onConnectionChange={(event) => setConnection(event.detail.connection)}
        onWizardStateChange={(event) => setState(event.detail.state)}
        onAuditEvent={(event) => console.log(event.detail.event.action)}
        onAuditSetAside={(event) => console.warn(event.detail.reason, event.detail.count)}
        onDisconnectRequest={(event) => event.detail.reconnect || event.preventDefault()}
        onHealthCheck={(event) => event.preventDefault()}
        onClick={(event) => console.log(event.clientX)}
        aria-busy={false}
        className="compliance"
        style={{ maxWidth: '48rem' }}
      />
      <TenantTypePicker
        value={tenantType}
        name="tenantType"
        disabled={false}
        hideAdd
        strings={strings}
        onChange={(event) => console.log(event.type)}
        onTenantTypeChange={(event) => setTenantType(event.detail.tenantType)}
        onTenantTypeAdd={(event) => setTenantType(event.detail.tenantType)}
      />
      <AzureConnectForm
        tenantType={tenantType}
        tenantId="contoso.onmicrosoft.com"
        enrollmentUrl="https://enroll.example.com"
        remediationUrl="https://fix.example.com"
        mode="edit"
        busy={false}
        hideCancel
        errors={fieldErrors}
        error={kitError}
        strings={strings}
        onConnectFormInput={(event) => console.log(event.detail.field, event.detail.draft)}
        onTenantTypeChange={(event) => setTenantType(event.detail.tenantType)}
        onConnectFormSubmit={(event) => console.log(event.detail.input.tenantId)}
        onConnectFormCancel={(event) => console.log(event.detail)}
      />
      <ConsentDialog
        open
        consentUrl="https://login.microsoftonline.com/common/adminconsent"
        tenantType="gcc-high"
        tenantId="contoso.onmicrosoft.us"
        consentGiven={given}
        busy={false}
        error={kitError}
        strings={strings}
        onConsentChange={(event) => setGiven(event.detail.given)}
        onConsentConfirm={() => undefined}
        onConsentCancel={() => undefined}
        onConsentLinkCopy={(event) => console.log(event.detail.url, event.detail.copied)}
      />
      <ConnectionActions
        busy={false}
        hideReconnect
        connection={connection}
        error={kitError}
        strings={strings}
        onConnectionEdit={() => undefined}
        onDisconnectRequest={(event) => console.log(event.detail.reconnect)}
        onDisconnectConfirm={(event) => console.log(event.detail.reconnect)}
      />
      <AzureConnectionHealth
        status="ready"
        checking={false}
        health={health}
        error={kitError}
        checkResult={checkResult}
        now={new Date()}
        strings={strings}
        onHealthCheck={(event) => event.preventDefault()}
        onReconnectRequest={() => undefined}
        onKitRetry={() => undefined}
      />
    </main>
  );
}

export function WrapperMistakes() {
  const dialogRef = useRef<ConsentDialogElement>(null);
  return (
    <>
      {/* @ts-expect-error -- `timeoutMs` is a number */}
      <AzureDeviceCompliance timeoutMs="soon" />
      {/* @ts-expect-error -- `mode` is 'add' or 'edit' */}
      <AzureConnectForm mode="delete" />
      {/* @ts-expect-error -- `strings` takes overrides, not a language */}
      <TenantTypePicker strings="fr" />
      {/* @ts-expect-error -- misspelled prop: `adapter` */}
      <AzureDeviceCompliance adaptor={adapter} />
      {/* @ts-expect-error -- misspelled handler: `onConnectionChange` */}
      <AzureDeviceCompliance onConectionChange={() => undefined} />
      {/* @ts-expect-error -- the picker has no `connection-change` event */}
      <TenantTypePicker onConnectionChange={() => undefined} />
      <AzureDeviceCompliance
        // @ts-expect-error -- wrong handler: the detail is `{ connection, reason }`, not `{ tenantType }`
        onConnectionChange={(event: CustomEvent<{ tenantType: TenantType }>) => event}
      />
      {/* @ts-expect-error -- wrong handler: a CustomEvent, not a MouseEvent */}
      <ConsentDialog onConsentConfirm={(event: MouseEvent) => event.clientX} />
      {/* @ts-expect-error -- wrong handler: `detail.given` is a boolean */}
      <ConsentDialog onConsentChange={(event: CustomEvent<{ given: string }>) => event} />
      {/* @ts-expect-error -- `ref` is the element: a <consent-dialog> is not the composite */}
      <AzureDeviceCompliance ref={dialogRef} />
    </>
  );
}
